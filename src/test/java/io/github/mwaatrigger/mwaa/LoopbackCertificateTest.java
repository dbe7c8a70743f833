package io.github.mwaatrigger.mwaa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The rehearsal's throwaway certificates, written in DER by hand: the JDK must read them as valid certificates
 * for 127.0.0.1 that only the rehearsal's own trust accepts.
 */
class LoopbackCertificateTest {

    @ParameterizedTest
    @EnumSource(LoopbackCertificate.KeyType.class)
    void theCertificate_isAValidSelfSignedV3CertificateFor127001(LoopbackCertificate.KeyType type) throws Exception {
        X509Certificate certificate = LoopbackCertificate.create(type).certificate();

        certificate.checkValidity();
        certificate.verify(certificate.getPublicKey());
        assertThat(certificate.getVersion()).isEqualTo(3);
        assertThat(certificate.getPublicKey().getAlgorithm()).isEqualTo(type.algorithm);
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=mwaa-trigger call rehearsal");
        assertThat(certificate.getSubjectAlternativeNames()).containsExactly(List.of(7, "127.0.0.1"));
    }

    @ParameterizedTest
    @EnumSource(LoopbackCertificate.KeyType.class)
    void itsTrustManagers_acceptIt_andRefuseAnotherOneMadeTheSameWay(LoopbackCertificate.KeyType type) throws Exception {
        LoopbackCertificate trusted = LoopbackCertificate.create(type);
        LoopbackCertificate other = LoopbackCertificate.create(type);
        X509TrustManager trust = (X509TrustManager) trusted.trustManagers()[0];
        String authType = type == LoopbackCertificate.KeyType.RSA ? "RSA" : "EC";

        trust.checkServerTrusted(new X509Certificate[] {trusted.certificate()}, authType);
        assertThatThrownBy(() -> trust.checkServerTrusted(new X509Certificate[] {other.certificate()}, authType))
                .isInstanceOf(CertificateException.class);
    }
}
