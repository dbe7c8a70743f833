package io.github.mwaatrigger.emulator;

/**
 * The {@code Credential} parameter of a SigV4 Authorization header:
 * {@code <access key ID>/<yyyyMMdd>/<region>/<service>/aws4_request}.
 *
 * @param accessKeyId the access key ID of the signer
 * @param date        the signing date, {@code yyyyMMdd}
 * @param region      the region the signature is scoped to
 * @param service     the service the signature is scoped to
 * @param terminator  the scope terminator, {@code aws4_request} when well formed
 */
record SigningCredential(String accessKeyId, String date, String region, String service, String terminator) {

    private static final String TERMINATOR = "aws4_request";

    /**
     * Splits a {@code Credential} parameter into its five parts.
     *
     * @throws SigV4Rejection if it does not have exactly five slash-delimited parts
     */
    static SigningCredential parse(String credential) {
        String[] parts = credential.split("/", -1);
        if (parts.length != 5) {
            throw SigV4Rejection.incompleteSignature("Credential must have exactly 5 slash-delimited elements, "
                    + "e.g. keyid/date/region/service/term, got '" + credential + "'");
        }
        return new SigningCredential(parts[0], parts[1], parts[2], parts[3], parts[4]);
    }

    /**
     * Checks that the scope names the request's date, the expected region and service, and the terminator.
     *
     * @throws SigV4Rejection if any part of the scope is wrong
     */
    void requireScopedTo(String expectedRegion, String expectedService, RequestTimestamp timestamp) {
        if (!date.equals(timestamp.date())) {
            throw SigV4Rejection.invalidSignature("Date in Credential scope does not match YYYYMMDD from ISO-8601 "
                    + "version of date from HTTP: '" + date + "' != '" + timestamp.date() + "', from '"
                    + timestamp.basicFormat() + "'.");
        }
        if (!region.equals(expectedRegion)) {
            throw SigV4Rejection.invalidSignature(
                    "Credential should be scoped to a valid region, not '" + region + "'.");
        }
        if (!service.equals(expectedService)) {
            throw SigV4Rejection.invalidSignature(
                    "Credential should be scoped to correct service: '" + expectedService + "'.");
        }
        if (!terminator.equals(TERMINATOR)) {
            throw SigV4Rejection.invalidSignature("Credential should be scoped with a valid terminator: '"
                    + TERMINATOR + "', not '" + terminator + "'.");
        }
    }
}
