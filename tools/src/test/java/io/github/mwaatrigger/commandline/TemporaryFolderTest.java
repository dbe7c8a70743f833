package io.github.mwaatrigger.commandline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TemporaryFolderTest {

    @Test
    void close_deletesTheFolderWithEverythingInIt() throws IOException {
        TemporaryFolder folder = TemporaryFolder.create("mwaa-trigger-test-");
        Files.writeString(folder.path().resolve("ca.pem"), "pem");
        Files.createDirectories(folder.path().resolve("nested/deeper"));
        Files.writeString(folder.path().resolve("nested/deeper/truststore.p12"), "p12");

        folder.close();

        assertThat(folder.path()).doesNotExist();
        assertThat(folder.path().getFileName().toString()).startsWith("mwaa-trigger-test-");
    }

    @Test
    void closingTwice_orAfterTheFolderWasRemoved_isHarmless() throws IOException {
        TemporaryFolder folder = TemporaryFolder.create("mwaa-trigger-test-");
        Path path = folder.path();
        Files.delete(path);

        folder.close();
        folder.close();

        assertThat(path).doesNotExist();
    }
}
