package io.github.mwaatrigger.mwaa;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throwaway key pair and self-signed X.509 certificate for {@code 127.0.0.1}, made in memory for a
 * {@link CallRehearsal}: it is trusted only by the rehearsal's own clients, never by the JVM's default trust,
 * and is gone with the process. The JDK has no public API that writes certificates, so the DER is written here
 * (RFC 5280: version 3, a random serial, one common name as issuer and subject, a validity of a day, and a
 * subject alternative name for the loopback address, which host name checks need).
 *
 * @param keys        the key pair
 * @param certificate its certificate
 */
record LoopbackCertificate(KeyPair keys, X509Certificate certificate) {

    private static final byte[] LOOPBACK = {127, 0, 0, 1};
    private static final char[] NO_PASSWORD = new char[0];
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /** The two key types AWS endpoints and web servers present: RSA, and elliptic curve (P-256). */
    enum KeyType {
        RSA("RSA", 2048, "SHA256withRSA", new int[] {1, 2, 840, 113549, 1, 1, 11}, true),
        EC("EC", 256, "SHA256withECDSA", new int[] {1, 2, 840, 10045, 4, 3, 2}, false);

        final String algorithm;
        final int size;
        final String signature;
        final int[] signatureOid;
        final boolean nullParameters;

        KeyType(String algorithm, int size, String signature, int[] signatureOid, boolean nullParameters) {
            this.algorithm = algorithm;
            this.size = size;
            this.signature = signature;
            this.signatureOid = signatureOid;
            this.nullParameters = nullParameters;
        }
    }

    /** A new key pair of {@code type} and its certificate, valid from an hour ago for a day. */
    static LoopbackCertificate create(KeyType type) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(type.algorithm);
        generator.initialize(type.size);
        KeyPair keys = generator.generateKeyPair();
        Instant now = Instant.now();
        byte[] algorithm = algorithmIdentifier(type);
        byte[] name = sequence(set(sequence(oid(2, 5, 4, 3),
                tagged(0x0C, "mwaa-trigger call rehearsal".getBytes(StandardCharsets.UTF_8)))));
        byte[] subjectAltName = sequence(oid(2, 5, 29, 17), tagged(0x04, sequence(tagged(0x87, LOOPBACK))));
        byte[] tbs = sequence(
                tagged(0xA0, integer(BigInteger.TWO)),
                integer(new BigInteger(63, new SecureRandom()).add(BigInteger.ONE)),
                algorithm,
                name,
                sequence(utcTime(now.minus(Duration.ofHours(1))), utcTime(now.plus(Duration.ofDays(1)))),
                name,
                keys.getPublic().getEncoded(),
                tagged(0xA3, sequence(subjectAltName)));
        Signature signer = Signature.getInstance(type.signature);
        signer.initSign(keys.getPrivate());
        signer.update(tbs);
        byte[] signature = signer.sign();
        byte[] bitString = new byte[signature.length + 1];
        System.arraycopy(signature, 0, bitString, 1, signature.length);
        byte[] der = sequence(tbs, algorithm, tagged(0x03, bitString));
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
        return new LoopbackCertificate(keys, certificate);
    }

    /** A server-side TLS context that presents this certificate. */
    SSLContext serverContext() throws GeneralSecurityException {
        KeyStore store = emptyStore();
        store.setKeyEntry("rehearsal", keys.getPrivate(), NO_PASSWORD, new X509Certificate[] {certificate});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(store, NO_PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), null, null);
        return context;
    }

    /** Trust managers (the JDK's default algorithm, PKIX) that trust this certificate and nothing else. */
    TrustManager[] trustManagers() throws GeneralSecurityException {
        KeyStore store = emptyStore();
        store.setCertificateEntry("rehearsal", certificate);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers();
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot create an empty key store", e);
        }
        return store;
    }

    private static byte[] algorithmIdentifier(KeyType type) {
        return type.nullParameters ? sequence(oid(type.signatureOid), new byte[] {0x05, 0x00})
                : sequence(oid(type.signatureOid));
    }

    private static byte[] utcTime(Instant instant) {
        return tagged(0x17, UTC_TIME.format(instant).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] integer(BigInteger value) {
        return tagged(0x02, value.toByteArray());
    }

    private static byte[] oid(int... arcs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(arcs[0] * 40 + arcs[1]);
        for (int i = 2; i < arcs.length; i++) {
            int arc = arcs[i];
            int shift = 28;
            while (shift > 0 && (arc >>> shift) == 0) {
                shift -= 7;
            }
            for (; shift > 0; shift -= 7) {
                out.write(0x80 | ((arc >>> shift) & 0x7F));
            }
            out.write(arc & 0x7F);
        }
        return tagged(0x06, out.toByteArray());
    }

    private static byte[] sequence(byte[]... parts) {
        return tagged(0x30, concat(parts));
    }

    private static byte[] set(byte[]... parts) {
        return tagged(0x31, concat(parts));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** A DER element: its tag, its length (short or long form), its content. */
    private static byte[] tagged(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }
}
