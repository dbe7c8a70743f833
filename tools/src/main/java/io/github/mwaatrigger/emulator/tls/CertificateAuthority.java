package io.github.mwaatrigger.emulator.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway certificate authority that issues TLS server certificates, so that clients with ordinary
 * certificate and hostname verification can talk HTTPS to a local server.
 *
 * <p>The authority and its certificates use EC P-256 keys and SHA256withECDSA signatures, and carry
 * the extensions that strict verifiers require (Java PKIX, OpenSSL {@code -x509_strict}, Python's
 * {@code VERIFY_X509_STRICT}). The private key of the authority never leaves memory: clients are given
 * its certificate as a PEM bundle or a PKCS#12 truststore.
 *
 * <p>BouncyCastle encodes the certificates; the JDK's own providers generate the keys, make the
 * signatures and parse the result. No BouncyCastle security provider is registered, so it does not matter
 * that the shaded jar's copy of BouncyCastle is unsigned. Key identifiers are those of RFC 5280 section
 * 4.2.1.2 method (1), the SHA-1 of the public key, as BouncyCastle computes them.
 *
 * <p>Cost: {@link #create} and {@link #issueServerCertificate} each generate one P-256 key pair and make
 * one signature, about 2 ms once the JVM is warm. The first call in a JVM takes about 200 ms: loading the
 * JDK's security providers, BouncyCastle's ASN.1 classes and the JDK's locale data, which BouncyCastle's
 * {@code SimpleDateFormat} needs to write the validity dates (about 55 ms of the 200). A class-data
 * archive of a run that made certificates takes most of it away.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class CertificateAuthority {

    private static final String CERT_PROTECTION = "keystore.pkcs12.certProtectionAlgorithm";
    private static final String MAC = "keystore.pkcs12.macAlgorithm";
    private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
    private static final Duration AUTHORITY_LIFETIME = Duration.ofDays(3650);
    private static final Duration SERVER_LIFETIME = Duration.ofDays(825);
    /** How far a new certificate is backdated, so clients whose clocks run slightly behind accept it. */
    private static final Duration CLOCK_SKEW_ALLOWANCE = Duration.ofHours(1);
    private static final int AUTHORITY_PATH_LENGTH = 0;
    private static final int SERIAL_NUMBER_OCTETS = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String commonName;
    private final PrivateKey privateKey;
    private final X509Certificate certificate;

    private CertificateAuthority(String commonName, PrivateKey privateKey, X509Certificate certificate) {
        this.commonName = commonName;
        this.privateKey = privateKey;
        this.certificate = certificate;
    }

    /**
     * Creates an authority with a new key and a self-signed certificate valid from an hour ago for 3650
     * days, which may sign server certificates but no further authorities.
     *
     * @param commonName the common name of the authority's subject, for example {@code "MWAA emulator CA"}
     * @return the new authority
     */
    public static CertificateAuthority create(String commonName) {
        X500Name name = commonNameOnly(commonName);
        try {
            KeyPair keys = newKeyPair();
            JcaX509ExtensionUtils keyIdentifiers = new JcaX509ExtensionUtils();
            Instant now = Instant.now();
            X509v3CertificateBuilder certificate = new JcaX509v3CertificateBuilder(name, newSerialNumber(),
                    Date.from(now.minus(CLOCK_SKEW_ALLOWANCE)), Date.from(now.plus(AUTHORITY_LIFETIME)),
                    name, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(AUTHORITY_PATH_LENGTH))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            keyIdentifiers.createSubjectKeyIdentifier(keys.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            keyIdentifiers.createAuthorityKeyIdentifier(keys.getPublic()));
            return new CertificateAuthority(commonName, keys.getPrivate(), sign(certificate, keys.getPrivate()));
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot create a certificate authority", e);
        }
    }

    /**
     * The self-signed certificate of this authority, which clients trust.
     *
     * @return the authority's certificate
     */
    public X509Certificate certificate() {
        return certificate;
    }

    /**
     * Issues a TLS server certificate with a new key, valid from an hour ago for 825 days. Its issuer
     * name is copied from this authority's certificate, byte for byte, as chain building requires.
     *
     * @param dnsNames the host names the server answers to, at least one; the first is also the subject's
     *     common name. Internationalised names must be given in their ASCII (A-label) form.
     * @param ipAddresses the IPv4 and IPv6 addresses the server answers on, possibly none
     * @return the new key with the chain of the server certificate followed by this authority's certificate
     * @throws IllegalArgumentException if there is no DNS name or one is not ASCII
     */
    public ServerCredentials issueServerCertificate(List<String> dnsNames, List<InetAddress> ipAddresses) {
        List<String> names = List.copyOf(dnsNames);
        List<InetAddress> addresses = List.copyOf(ipAddresses);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a server certificate needs at least one DNS name");
        }
        GeneralNames alternativeNames = subjectAlternativeNames(names, addresses);
        try {
            KeyPair keys = newKeyPair();
            JcaX509ExtensionUtils keyIdentifiers = new JcaX509ExtensionUtils();
            Instant now = Instant.now();
            X509v3CertificateBuilder server = new JcaX509v3CertificateBuilder(certificate, newSerialNumber(),
                    Date.from(now.minus(CLOCK_SKEW_ALLOWANCE)), Date.from(now.plus(SERVER_LIFETIME)),
                    commonNameOnly(names.get(0)), keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false, alternativeNames)
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            keyIdentifiers.createSubjectKeyIdentifier(keys.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            keyIdentifiers.createAuthorityKeyIdentifier(certificate.getPublicKey()));
            return new ServerCredentials(keys.getPrivate(), List.of(sign(server, privateKey), certificate));
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue a server certificate", e);
        }
    }

    /**
     * Writes this authority's certificate as PEM, the CA bundle format of curl, OpenSSL and Python
     * ({@code requests}, {@code urllib3}, {@code botocore}).
     *
     * @param file the file to create or replace
     * @throws IOException if the file cannot be written
     */
    public void writeCertificatePem(Path file) throws IOException {
        Files.writeString(file, Pem.certificate(certificate), StandardCharsets.US_ASCII);
    }

    /**
     * Writes a PKCS#12 truststore holding this authority's certificate as its only trusted entry, with no
     * password: as {@link #writeTruststore(Path, char[])} writes it, it loads without one, so
     * {@code -Djavax.net.ssl.trustStore=<file>} is all a JVM needs.
     *
     * @param file the file to create or replace
     * @throws IOException if the file cannot be written
     */
    public void writeTruststore(Path file) throws IOException {
        writeTruststore(file, new char[0]);
    }

    /**
     * Writes a PKCS#12 truststore holding this authority's certificate as its only trusted entry, for
     * example for {@code -Djavax.net.ssl.trustStore=<file>} (with or without
     * {@code -Djavax.net.ssl.trustStorePassword=<password>}).
     * A certificate is public, so the store is written without encryption or integrity MAC (the JDK's
     * {@code keystore.pkcs12.certProtectionAlgorithm} and {@code macAlgorithm} set to {@code NONE} while it
     * is written): loading it then costs no key derivation, which matters for a short-lived client's
     * start-up, and it loads with or without the password.
     *
     * @param file the file to create or replace
     * @param password the password given to the store (readers may pass it or not)
     * @throws IOException if the file cannot be written
     */
    public void writeTruststore(Path file, char[] password) throws IOException {
        Objects.requireNonNull(password, "password");
        synchronized (CertificateAuthority.class) {
            String protection = System.getProperty(CERT_PROTECTION);
            String mac = System.getProperty(MAC);
            System.setProperty(CERT_PROTECTION, "NONE");
            System.setProperty(MAC, "NONE");
            try {
                KeyStore truststore = KeyStore.getInstance("PKCS12");
                truststore.load(null, null);
                truststore.setCertificateEntry(commonName, certificate);
                try (OutputStream out = Files.newOutputStream(file)) {
                    truststore.store(out, password);
                }
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot write a PKCS12 truststore", e);
            } finally {
                restore(CERT_PROTECTION, protection);
                restore(MAC, mac);
            }
        }
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }

    /** An X.500 name of one common name, as a UTF8String: all a throwaway authority and a loopback server need. */
    private static X500Name commonNameOnly(String commonName) {
        if (commonName.isBlank()) {
            throw new IllegalArgumentException("common name must not be blank");
        }
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
    }

    /**
     * The DNS names, then the IP addresses (4 octets for IPv4, 16 for IPv6). The DNS names are checked to
     * be ASCII, as an IA5String must be, so a certificate no client could match is never issued.
     */
    private static GeneralNames subjectAlternativeNames(List<String> dnsNames, List<InetAddress> ipAddresses) {
        GeneralName[] names = new GeneralName[dnsNames.size() + ipAddresses.size()];
        for (int i = 0; i < dnsNames.size(); i++) {
            names[i] = new GeneralName(GeneralName.dNSName, new DERIA5String(dnsNames.get(i), true));
        }
        for (int i = 0; i < ipAddresses.size(); i++) {
            names[dnsNames.size() + i] =
                    new GeneralName(GeneralName.iPAddress, new DEROctetString(ipAddresses.get(i).getAddress()));
        }
        return new GeneralNames(names);
    }

    /** Signs with the JDK's SHA256withECDSA and parses the result with the JDK's X.509 certificate factory. */
    private static X509Certificate sign(X509v3CertificateBuilder certificate, PrivateKey issuerKey)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter()
                .getCertificate(certificate.build(new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(issuerKey)));
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    /**
     * A random serial number of exactly 16 octets: the top bit is cleared so the DER INTEGER is positive
     * without a leading zero octet, and the next bit is set so it is never zero.
     */
    private static BigInteger newSerialNumber() {
        byte[] octets = new byte[SERIAL_NUMBER_OCTETS];
        RANDOM.nextBytes(octets);
        octets[0] = (byte) ((octets[0] & 0x7F) | 0x40);
        return new BigInteger(octets);
    }
}
