package io.github.mwaatrigger.emulator.tls;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * The to-be-signed part of an X.509 v3 certificate (RFC 5280 section 4.1), signed with ECDSA over
 * SHA-256.
 *
 * @param serialNumber a positive serial number of at most 20 octets
 * @param issuer the name of the signing authority
 * @param validity when the certificate is valid
 * @param subject the name of the certified entity
 * @param subjectPublicKey the certified key; its X.509 encoding is the SubjectPublicKeyInfo
 * @param extensions complete DER {@code Extension} elements, from {@link X509Extensions}
 */
record TbsCertificate(
        BigInteger serialNumber,
        DistinguishedName issuer,
        Validity validity,
        DistinguishedName subject,
        PublicKey subjectPublicKey,
        List<byte[]> extensions) {
    private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
    private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
    private static final BigInteger VERSION_3 = BigInteger.TWO;
    private static final int VERSION_TAG = 0;
    private static final int EXTENSIONS_TAG = 3;

    TbsCertificate {
        Objects.requireNonNull(serialNumber, "serialNumber");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(validity, "validity");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(subjectPublicKey, "subjectPublicKey");
        extensions = List.copyOf(extensions);
        if (serialNumber.signum() <= 0) {
            throw new IllegalArgumentException("serial number must be positive");
        }
    }

    /**
     * Signs this certificate with the issuer's EC private key.
     *
     * @return the certificate, parsed back by the platform's X.509 certificate factory
     */
    X509Certificate signWith(PrivateKey issuerKey) {
        try {
            byte[] tbs = encoded();
            Signature signer = Signature.getInstance(SIGNATURE_ALGORITHM);
            signer.initSign(issuerKey);
            signer.update(tbs);
            byte[] certificate = Der.sequence(tbs, signatureAlgorithm(), Der.bitString(signer.sign()));
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(certificate));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a certificate with " + SIGNATURE_ALGORITHM, e);
        }
    }

    private byte[] encoded() {
        return Der.sequence(
                Der.explicit(VERSION_TAG, Der.integer(VERSION_3)),
                Der.integer(serialNumber),
                signatureAlgorithm(),
                issuer.encoded(),
                validity.encoded(),
                subject.encoded(),
                subjectPublicKey.getEncoded(),
                Der.explicit(EXTENSIONS_TAG, Der.sequence(extensions)));
    }

    /** The AlgorithmIdentifier for ecdsa-with-SHA256, whose parameters RFC 5758 requires to be absent. */
    private static byte[] signatureAlgorithm() {
        return Der.sequence(Der.objectIdentifier(ECDSA_WITH_SHA256));
    }
}
