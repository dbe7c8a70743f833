package io.github.mwaatrigger.emulator.tls;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Encodes the X.509 v3 extensions (RFC 5280 section 4.2) that strict verifiers expect on an authority
 * and on a TLS server certificate. Each method returns a complete DER {@code Extension}.
 */
final class X509Extensions {
    /** KeyUsage bit for signing TLS handshakes. */
    static final int DIGITAL_SIGNATURE = 0;
    /** KeyUsage bit for signing certificates. */
    static final int KEY_CERT_SIGN = 5;
    /** KeyUsage bit for signing revocation lists. */
    static final int CRL_SIGN = 6;

    private static final String SUBJECT_KEY_IDENTIFIER = "2.5.29.14";
    private static final String KEY_USAGE = "2.5.29.15";
    private static final String SUBJECT_ALT_NAME = "2.5.29.17";
    private static final String BASIC_CONSTRAINTS = "2.5.29.19";
    private static final String AUTHORITY_KEY_IDENTIFIER = "2.5.29.35";
    private static final String EXTENDED_KEY_USAGE = "2.5.29.37";
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

    private static final int GENERAL_NAME_DNS = 2;
    private static final int GENERAL_NAME_IP_ADDRESS = 7;
    private static final int KEY_IDENTIFIER_TAG = 0;
    private static final int KEY_IDENTIFIER_LENGTH = 20;

    private X509Extensions() {
    }

    /** Critical basicConstraints {@code CA:TRUE} with the given maximum number of intermediate certificates below. */
    static byte[] authorityBasicConstraints(int pathLength) {
        return extension(BASIC_CONSTRAINTS, true,
                Der.sequence(Der.bool(true), Der.integer(BigInteger.valueOf(pathLength))));
    }

    /** Critical basicConstraints {@code CA:FALSE}, encoded as an empty sequence because DER omits defaults. */
    static byte[] endEntityBasicConstraints() {
        return extension(BASIC_CONSTRAINTS, true, Der.sequence());
    }

    /** Critical keyUsage with the given bits, such as {@link #DIGITAL_SIGNATURE}. */
    static byte[] keyUsage(int... bits) {
        return extension(KEY_USAGE, true, Der.namedBitString(bits));
    }

    /** extendedKeyUsage allowing only TLS server authentication. */
    static byte[] serverAuthExtendedKeyUsage() {
        return extension(EXTENDED_KEY_USAGE, false, Der.sequence(Der.objectIdentifier(SERVER_AUTH)));
    }

    /**
     * subjectAltName listing DNS names, then IP addresses (4 octets for IPv4, 16 for IPv6). It is not
     * critical because the certificates of this package always have a subject name.
     */
    static byte[] subjectAlternativeName(List<String> dnsNames, List<InetAddress> ipAddresses) {
        List<byte[]> generalNames = new ArrayList<>();
        dnsNames.forEach(name -> generalNames.add(Der.implicit(GENERAL_NAME_DNS, Der.ia5String(name))));
        ipAddresses.forEach(address -> generalNames.add(
                Der.implicit(GENERAL_NAME_IP_ADDRESS, Der.octetString(address.getAddress()))));
        return extension(SUBJECT_ALT_NAME, false, Der.sequence(generalNames));
    }

    /** subjectKeyIdentifier holding {@code keyIdentifier}. */
    static byte[] subjectKeyIdentifier(byte[] keyIdentifier) {
        return extension(SUBJECT_KEY_IDENTIFIER, false, Der.octetString(keyIdentifier));
    }

    /** authorityKeyIdentifier naming the issuer by its subjectKeyIdentifier only. */
    static byte[] authorityKeyIdentifier(byte[] issuerKeyIdentifier) {
        byte[] keyIdentifier = Der.implicit(KEY_IDENTIFIER_TAG, Der.octetString(issuerKeyIdentifier));
        return extension(AUTHORITY_KEY_IDENTIFIER, false, Der.sequence(keyIdentifier));
    }

    /**
     * The key identifier of a public key: the leftmost 160 bits of the SHA-256 digest of its DER
     * SubjectPublicKeyInfo. RFC 5280 section 4.2.1.2 accepts any method that yields distinct values for
     * distinct keys; hashing the whole SubjectPublicKeyInfo works for every key type without parsing it.
     */
    static byte[] keyIdentifier(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return Arrays.copyOf(digest, KEY_IDENTIFIER_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must support SHA-256", e);
        }
    }

    private static byte[] extension(String oid, boolean critical, byte[] value) {
        List<byte[]> fields = new ArrayList<>();
        fields.add(Der.objectIdentifier(oid));
        if (critical) {
            fields.add(Der.bool(true)); // DER omits the default FALSE
        }
        fields.add(Der.octetString(value));
        return Der.sequence(fields);
    }
}
