package io.github.mwaatrigger.emulator.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateAuthorityTest {
    private static final String BASIC_CONSTRAINTS = "2.5.29.19";
    private static final String KEY_USAGE = "2.5.29.15";
    private static final String SUBJECT_KEY_IDENTIFIER = "2.5.29.14";
    private static final String AUTHORITY_KEY_IDENTIFIER = "2.5.29.35";
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;
    private static final HexFormat HEX = HexFormat.of();

    private static Instant issuedAround;
    private static CertificateAuthority authority;
    private static X509Certificate authorityCertificate;
    private static X509Certificate serverCertificate;

    @TempDir
    Path directory;

    @BeforeAll
    static void issueCertificates() throws Exception {
        issuedAround = Instant.now();
        authority = CertificateAuthority.create("Test CA");
        authorityCertificate = authority.certificate();
        serverCertificate = authority.issueServerCertificate(
                        List.of("localhost", "emulator.localhost"),
                        List.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("::1")))
                .chain()
                .get(0);
    }

    @Test
    void authorityCertificateIsSelfSignedEcdsaVersion3() throws Exception {
        assertThat(authorityCertificate.getVersion()).isEqualTo(3);
        assertThat(authorityCertificate.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(authorityCertificate.getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(authorityCertificate.getSubjectX500Principal().getName()).isEqualTo("CN=Test CA");
        assertThat(authorityCertificate.getIssuerX500Principal())
                .isEqualTo(authorityCertificate.getSubjectX500Principal());
        assertThatCode(() -> authorityCertificate.verify(authorityCertificate.getPublicKey()))
                .doesNotThrowAnyException();
    }

    @Test
    void authorityMaySignServerCertificatesButNoFurtherAuthorities() {
        assertThat(authorityCertificate.getBasicConstraints()).isZero();
        assertThat(authorityCertificate.getCriticalExtensionOIDs()).containsExactlyInAnyOrder(BASIC_CONSTRAINTS, KEY_USAGE);
        assertThat(authorityCertificate.getKeyUsage())
                .containsExactly(false, false, false, false, false, true, true, false, false);
    }

    @Test
    void authorityIdentifiesItsOwnKey() {
        byte[] keyIdentifier = subjectKeyIdentifier(authorityCertificate);

        assertThat(keyIdentifier).hasSize(20);
        assertThat(authorityKeyIdentifier(authorityCertificate)).isEqualTo(keyIdentifier);
    }

    @Test
    void authorityIsValidForTenYearsFromAnHourAgo() {
        assertValidity(authorityCertificate, Duration.ofDays(3650));
    }

    @Test
    void serverCertificateIsSignedByTheAuthority() {
        assertThatCode(() -> serverCertificate.verify(authorityCertificate.getPublicKey()))
                .doesNotThrowAnyException();
        assertThat(serverCertificate.getVersion()).isEqualTo(3);
        assertThat(serverCertificate.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(serverCertificate.getPublicKey().getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void serverCertificateIssuerIsTheAuthoritySubjectByteForByte() {
        assertThat(serverCertificate.getIssuerX500Principal().getEncoded())
                .isEqualTo(authorityCertificate.getSubjectX500Principal().getEncoded());
    }

    @Test
    void serverCertificateSubjectIsTheFirstDnsName() {
        assertThat(serverCertificate.getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
    }

    @Test
    void serverCertificateNamesEveryHostAndAddress() throws Exception {
        assertThat(serverCertificate.getSubjectAlternativeNames()).containsExactly(
                List.of(DNS_NAME, "localhost"),
                List.of(DNS_NAME, "emulator.localhost"),
                List.of(IP_ADDRESS, "127.0.0.1"),
                List.of(IP_ADDRESS, "0:0:0:0:0:0:0:1"));
    }

    @Test
    void serverCertificateIsAnEndEntityForTlsServerAuthentication() throws Exception {
        assertThat(serverCertificate.getBasicConstraints()).isEqualTo(-1);
        assertThat(serverCertificate.getCriticalExtensionOIDs()).containsExactlyInAnyOrder(BASIC_CONSTRAINTS, KEY_USAGE);
        assertThat(serverCertificate.getKeyUsage()).containsExactly(true, false, false, false, false, false, false, false, false);
        assertThat(serverCertificate.getExtendedKeyUsage()).containsExactly(SERVER_AUTH);
    }

    @Test
    void serverCertificateNamesTheAuthorityKey() {
        assertThat(subjectKeyIdentifier(serverCertificate))
                .hasSize(20)
                .isNotEqualTo(subjectKeyIdentifier(authorityCertificate));
        assertThat(authorityKeyIdentifier(serverCertificate)).isEqualTo(subjectKeyIdentifier(authorityCertificate));
    }

    @Test
    void serverCertificateIsValidFor825DaysFromAnHourAgo() {
        assertValidity(serverCertificate, Duration.ofDays(825));
    }

    @Test
    void serialNumbersAreRandomPositiveAndSixteenOctets() throws Exception {
        List<BigInteger> serialNumbers = List.of(
                authorityCertificate.getSerialNumber(),
                serverCertificate.getSerialNumber(),
                authority.issueServerCertificate(List.of("localhost"), List.of()).chain().get(0).getSerialNumber());

        assertThat(serialNumbers).doesNotHaveDuplicates().allSatisfy(serial -> {
            assertThat(serial.signum()).isPositive();
            assertThat(serial.toByteArray()).hasSize(16);
        });
    }

    @Test
    void serverCredentialsHoldTheServerKeyAndTheChainUpToTheAuthority() throws Exception {
        ServerCredentials credentials = authority.issueServerCertificate(List.of("localhost"), List.of());

        assertThat(credentials.chain()).hasSize(2).endsWith(authorityCertificate);
        assertThat(credentials.privateKey().getAlgorithm()).isEqualTo("EC");
        assertThat(credentials.chain().get(0).getPublicKey())
                .isNotEqualTo(serverCertificate.getPublicKey())
                .isNotEqualTo(authorityCertificate.getPublicKey());
    }

    @Test
    void refusesServerCertificateWithoutDnsName() throws Exception {
        List<InetAddress> loopback = List.of(InetAddress.getByName("127.0.0.1"));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> authority.issueServerCertificate(List.of(), loopback))
                .withMessageContaining("DNS name");
    }

    @Test
    void refusesServerCertificateForANonAsciiDnsName() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> authority.issueServerCertificate(List.of("b\u00fccher.example"), List.of()));
    }

    @Test
    void javaPkixValidatesServerCertificateAgainstTheAuthority() throws Exception {
        assertThatCode(() -> validate(serverCertificate, authorityCertificate)).doesNotThrowAnyException();
    }

    @Test
    void javaPkixRejectsServerCertificateAgainstAnotherAuthority() {
        X509Certificate otherAuthority = CertificateAuthority.create("Test CA").certificate();

        assertThatThrownBy(() -> validate(serverCertificate, otherAuthority))
                .isInstanceOf(CertPathValidatorException.class);
    }

    @Test
    void opensslStrictlyVerifiesTheAuthority() throws Exception {
        Path authorityPem = directory.resolve("ca.pem");
        authority.writeCertificatePem(authorityPem);

        ExternalCommand.Result result = ExternalCommand.run("openssl", "verify", "-x509_strict",
                "-CAfile", authorityPem.toString(), authorityPem.toString());

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).isEqualTo(authorityPem + ": OK\n");
    }

    @Test
    void opensslStrictlyVerifiesTheServerCertificateForTlsServers() throws Exception {
        Path authorityPem = directory.resolve("ca.pem");
        Path serverPem = directory.resolve("server.pem");
        authority.writeCertificatePem(authorityPem);
        Files.writeString(serverPem, Pem.certificate(serverCertificate));

        ExternalCommand.Result result = ExternalCommand.run("openssl", "verify", "-x509_strict",
                "-CAfile", authorityPem.toString(), "-purpose", "sslserver", serverPem.toString());

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).isEqualTo(serverPem + ": OK\n");
    }

    @Test
    void opensslShowsTheSubjectAlternativeNames() throws Exception {
        Path serverPem = directory.resolve("server.pem");
        Files.writeString(serverPem, Pem.certificate(serverCertificate));

        ExternalCommand.Result result = ExternalCommand.run(
                "openssl", "x509", "-noout", "-text", "-in", serverPem.toString());

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output())
                .contains("X509v3 Subject Alternative Name")
                .contains("DNS:localhost, DNS:emulator.localhost, IP Address:127.0.0.1, IP Address:")
                .containsPattern("IP Address:(0:0:0:0:0:0:0:1|::1)\\n");
    }

    @Test
    void writesTheAuthorityCertificateAsPemWithSixtyFourCharacterLines() throws Exception {
        Path pem = directory.resolve("ca.pem");

        authority.writeCertificatePem(pem);

        List<String> lines = Files.readAllLines(pem);
        assertThat(lines.get(0)).isEqualTo("-----BEGIN CERTIFICATE-----");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("-----END CERTIFICATE-----");
        assertThat(lines.subList(1, lines.size() - 2)).allSatisfy(line -> assertThat(line).hasSize(64));
        assertThat(lines.get(lines.size() - 2)).hasSizeBetween(1, 64);
        assertThat(Files.readString(pem)).endsWith("-----\n").doesNotContain("\r");
        try (InputStream in = Files.newInputStream(pem)) {
            assertThat(CertificateFactory.getInstance("X.509").generateCertificate(in)).isEqualTo(authorityCertificate);
        }
    }

    @Test
    void writesATruststoreWhoseOnlyEntryIsTheTrustedAuthority() throws Exception {
        Path file = directory.resolve("truststore.p12");
        char[] password = "changeit".toCharArray();

        authority.writeTruststore(file, password);

        KeyStore truststore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            truststore.load(in, password);
        }
        List<String> aliases = Collections.list(truststore.aliases());
        assertThat(aliases).hasSize(1);
        assertThat(truststore.isCertificateEntry(aliases.get(0))).isTrue();
        assertThat(truststore.getCertificate(aliases.get(0))).isEqualTo(authorityCertificate);
    }

    @Test
    void writesATruststoreThatLoadsWithoutAPassword() throws Exception {
        Path file = directory.resolve("no-password.p12");

        authority.writeTruststore(file);

        KeyStore truststore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            truststore.load(in, null);
        }
        List<String> aliases = Collections.list(truststore.aliases());
        assertThat(aliases).hasSize(1);
        assertThat(truststore.getCertificate(aliases.get(0))).isEqualTo(authorityCertificate);
    }

    private static void validate(X509Certificate server, X509Certificate trustedAuthority) throws Exception {
        CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(List.of(server));
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(trustedAuthority, null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(path, parameters);
    }

    private static void assertValidity(X509Certificate certificate, Duration lifetime) {
        Instant notBefore = certificate.getNotBefore().toInstant();
        Instant notAfter = certificate.getNotAfter().toInstant();

        assertThat(notBefore).isCloseTo(issuedAround.minus(Duration.ofHours(1)), within(1, ChronoUnit.MINUTES));
        assertThat(Duration.between(notBefore, notAfter)).isEqualTo(lifetime.plusHours(1));
    }

    /** The extension value is the OCTET STRING {@code 04 16} around the KeyIdentifier {@code 04 14 <20 octets>}. */
    private static byte[] subjectKeyIdentifier(X509Certificate certificate) {
        return valueAfter(certificate.getExtensionValue(SUBJECT_KEY_IDENTIFIER), "04160414");
    }

    /**
     * The extension value is the OCTET STRING {@code 04 18} around the SEQUENCE {@code 30 16} holding only the
     * keyIdentifier {@code [0] 80 14 <20 octets>}.
     */
    private static byte[] authorityKeyIdentifier(X509Certificate certificate) {
        return valueAfter(certificate.getExtensionValue(AUTHORITY_KEY_IDENTIFIER), "041830168014");
    }

    private static byte[] valueAfter(byte[] encoded, String expectedHeader) {
        assertThat(HEX.formatHex(encoded)).startsWith(expectedHeader);
        byte[] value = new byte[encoded.length - expectedHeader.length() / 2];
        System.arraycopy(encoded, expectedHeader.length() / 2, value, 0, value.length);
        return value;
    }
}
