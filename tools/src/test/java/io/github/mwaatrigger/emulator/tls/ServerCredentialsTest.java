package io.github.mwaatrigger.emulator.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ServerCredentialsTest {
    private static ServerCredentials issued;

    @BeforeAll
    static void issueCredentials() {
        issued = CertificateAuthority.create("Credentials Test CA").issueServerCertificate(List.of("localhost"), List.of());
    }

    @Test
    void rejectsAnEmptyChain() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ServerCredentials(issued.privateKey(), List.of()));
    }

    @Test
    void keepsAnUnmodifiableCopyOfTheChain() {
        List<X509Certificate> chain = new ArrayList<>(issued.chain());
        ServerCredentials credentials = new ServerCredentials(issued.privateKey(), chain);

        chain.clear();

        assertThat(credentials.chain()).isEqualTo(issued.chain());
        assertThatThrownBy(() -> credentials.chain().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void describesItselfWithoutKeyMaterialOrCertificateDumps() {
        assertThat(issued).hasToString("ServerCredentials[subject=CN=localhost, chainLength=2]");
    }
}
