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
import java.util.List;
import java.util.Objects;

/**
 * A throwaway certificate authority that issues TLS server certificates, so that clients with ordinary
 * certificate and hostname verification can talk HTTPS to a local server.
 *
 * <p>The authority and its certificates use EC P-256 keys and SHA256withECDSA signatures, and carry
 * the extensions that strict verifiers require (Java PKIX, OpenSSL {@code -x509_strict}, Python's
 * {@code VERIFY_X509_STRICT}). The private key of the authority never leaves memory: clients are given
 * its certificate as a PEM bundle or a PKCS#12 truststore.
 *
 * <p>Cost: {@link #create} and {@link #issueServerCertificate} each generate one P-256 key pair and make
 * one signature, about 2 ms once the JVM is warm. The first call in a JVM takes 100 to 150 ms, almost
 * all of it loading the JDK's security providers, so an authority and a server certificate made at
 * start-up cost well under 200 ms.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class CertificateAuthority {

    private static final String CERT_PROTECTION = "keystore.pkcs12.certProtectionAlgorithm";
    private static final String MAC = "keystore.pkcs12.macAlgorithm";
    private static final Duration AUTHORITY_LIFETIME = Duration.ofDays(3650);
    private static final Duration SERVER_LIFETIME = Duration.ofDays(825);
    private static final int AUTHORITY_PATH_LENGTH = 0;
    private static final int SERIAL_NUMBER_OCTETS = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DistinguishedName name;
    private final PrivateKey privateKey;
    private final byte[] keyIdentifier;
    private final X509Certificate certificate;

    private CertificateAuthority(
            DistinguishedName name, PrivateKey privateKey, byte[] keyIdentifier, X509Certificate certificate) {
        this.name = name;
        this.privateKey = privateKey;
        this.keyIdentifier = keyIdentifier;
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
        DistinguishedName name = new DistinguishedName(commonName);
        KeyPair keys = newKeyPair();
        byte[] keyIdentifier = X509Extensions.keyIdentifier(keys.getPublic());
        TbsCertificate tbs = new TbsCertificate(
                newSerialNumber(),
                name,
                Validity.backdated(Instant.now(), AUTHORITY_LIFETIME),
                name,
                keys.getPublic(),
                List.of(
                        X509Extensions.authorityBasicConstraints(AUTHORITY_PATH_LENGTH),
                        X509Extensions.keyUsage(X509Extensions.KEY_CERT_SIGN, X509Extensions.CRL_SIGN),
                        X509Extensions.subjectKeyIdentifier(keyIdentifier),
                        X509Extensions.authorityKeyIdentifier(keyIdentifier)));
        return new CertificateAuthority(name, keys.getPrivate(), keyIdentifier, tbs.signWith(keys.getPrivate()));
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
     * Issues a TLS server certificate with a new key, valid from an hour ago for 825 days.
     *
     * @param dnsNames the host names the server answers to, at least one; the first is also the subject's
     *     common name. Internationalised names must be given in their ASCII (A-label) form.
     * @param ipAddresses the IPv4 and IPv6 addresses the server answers on, possibly none
     * @return the new key with the chain of the server certificate followed by this authority's certificate
     */
    public ServerCredentials issueServerCertificate(List<String> dnsNames, List<InetAddress> ipAddresses) {
        List<String> names = List.copyOf(dnsNames);
        List<InetAddress> addresses = List.copyOf(ipAddresses);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a server certificate needs at least one DNS name");
        }
        KeyPair keys = newKeyPair();
        TbsCertificate tbs = new TbsCertificate(
                newSerialNumber(),
                name,
                Validity.backdated(Instant.now(), SERVER_LIFETIME),
                new DistinguishedName(names.get(0)),
                keys.getPublic(),
                List.of(
                        X509Extensions.endEntityBasicConstraints(),
                        X509Extensions.keyUsage(X509Extensions.DIGITAL_SIGNATURE),
                        X509Extensions.serverAuthExtendedKeyUsage(),
                        X509Extensions.subjectAlternativeName(names, addresses),
                        X509Extensions.subjectKeyIdentifier(X509Extensions.keyIdentifier(keys.getPublic())),
                        X509Extensions.authorityKeyIdentifier(keyIdentifier)));
        return new ServerCredentials(keys.getPrivate(), List.of(tbs.signWith(privateKey), certificate));
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
                truststore.setCertificateEntry(name.commonName(), certificate);
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

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an EC P-256 key pair", e);
        }
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
