package io.github.mwaatrigger.emulator;

import java.util.List;

/**
 * A parsed SigV4 Authorization header:
 * {@code AWS4-HMAC-SHA256 Credential=<credential>, SignedHeaders=<a;b;c>, Signature=<hex>}.
 *
 * @param credential    the signer's access key ID and credential scope
 * @param signedHeaders the names of the signed headers, as listed (the SDKs list them lower-case and sorted)
 * @param signature     the signature the client computed, in hex
 */
record AuthorizationHeader(SigningCredential credential, List<String> signedHeaders, String signature) {

    /** The only signing algorithm accepted. */
    private static final String ALGORITHM = "AWS4-HMAC-SHA256";

    AuthorizationHeader {
        signedHeaders = List.copyOf(signedHeaders);
    }

    /**
     * Parses an Authorization header value.
     *
     * @throws SigV4Rejection if the algorithm is not {@value #ALGORITHM} or a parameter is malformed or missing
     */
    static AuthorizationHeader parse(String value) {
        String header = value.strip();
        int end = firstWhitespace(header);
        String algorithm = header.substring(0, end);
        if (!algorithm.equals(ALGORITHM)) {
            throw SigV4Rejection.incompleteSignature("Unsupported authorization algorithm '" + algorithm
                    + "': only " + ALGORITHM + " is supported. Authorization=" + value);
        }
        String credential = null;
        String signedHeaders = null;
        String signature = null;
        for (String parameter : header.substring(end).split(",")) {
            String pair = parameter.strip();
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            if (equals < 0) {
                throw SigV4Rejection.incompleteSignature("'" + pair + "' not a valid key=value pair "
                        + "(missing equal-sign) in Authorization header: '" + value + "'.");
            }
            String parameterValue = pair.substring(equals + 1).strip();
            switch (pair.substring(0, equals).strip()) {
                case "Credential" -> credential = parameterValue;
                case "SignedHeaders" -> signedHeaders = parameterValue;
                case "Signature" -> signature = parameterValue;
                default -> {
                    // AWS ignores parameters it does not know.
                }
            }
        }
        requireAll(value, credential, signedHeaders, signature);
        return new AuthorizationHeader(
                SigningCredential.parse(credential), List.of(signedHeaders.split(";")), signature);
    }

    /** Tells whether a header, named in any case, is among the signed headers. */
    boolean signs(String headerName) {
        return signedHeaders.stream().anyMatch(headerName::equalsIgnoreCase);
    }

    private static void requireAll(String value, String credential, String signedHeaders, String signature) {
        StringBuilder missing = new StringBuilder();
        appendIfMissing(missing, "Credential", credential);
        appendIfMissing(missing, "Signature", signature);
        appendIfMissing(missing, "SignedHeaders", signedHeaders);
        if (missing.length() > 0) {
            throw SigV4Rejection.incompleteSignature(missing + "Authorization=" + value);
        }
    }

    private static void appendIfMissing(StringBuilder missing, String name, String parameterValue) {
        if (parameterValue == null || parameterValue.isEmpty()) {
            missing.append("Authorization header requires '").append(name).append("' parameter. ");
        }
    }

    private static int firstWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return text.length();
    }
}
