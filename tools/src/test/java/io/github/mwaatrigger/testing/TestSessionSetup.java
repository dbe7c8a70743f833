package io.github.mwaatrigger.testing;

import io.github.mwaatrigger.emulator.EmulatorConfig;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Runs once per test JVM, before any test: trusts the test CA (through {@code javax.net.ssl.trustStore})
 * and gives the AWS SDK's default credentials chain the emulator's credentials through its standard
 * system properties, with empty AWS config files so that nothing is read from the machine's ~/.aws.
 */
public final class TestSessionSetup implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        TestTls.install();
        String empty = TestTls.emptyAwsConfig().toString();
        System.setProperty("aws.configFile", empty);
        System.setProperty("aws.sharedCredentialsFile", empty);
        System.setProperty("aws.accessKeyId", EmulatorConfig.DEFAULT_ACCESS_KEY_ID);
        System.setProperty("aws.secretAccessKey", EmulatorConfig.DEFAULT_SECRET_ACCESS_KEY);
    }
}
