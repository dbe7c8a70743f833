package io.github.mwaatrigger.emulator;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The moment a request was signed, taken from its {@code X-Amz-Date} header or, failing that, its
 * {@code Date} header.
 *
 * @param instant the signing time, to the second
 */
record RequestTimestamp(Instant instant) {

    private static final DateTimeFormatter BASIC_FORMAT =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter DATE_FORMAT =
            DateTimeFormatter.ofPattern("uuuuMMdd").withZone(ZoneOffset.UTC);

    /**
     * Reads the signing time of a request.
     *
     * @param request       the request
     * @param authorization the Authorization header value, quoted in the message when no date header is present
     * @throws SigV4Rejection if neither header is present or the one used cannot be parsed
     */
    static RequestTimestamp of(SignedRequest request, String authorization) {
        Optional<String> amzDate = request.firstHeaderValue("X-Amz-Date");
        if (amzDate.isPresent()) {
            return parseBasicFormat(amzDate.get());
        }
        return request.firstHeaderValue("Date")
                .map(RequestTimestamp::parseHttpDate)
                .orElseThrow(() -> SigV4Rejection.incompleteSignature("Authorization header requires existence "
                        + "of either a 'X-Amz-Date' or a 'Date' header. Authorization=" + authorization));
    }

    /** Returns the time in ISO 8601 basic format, {@code yyyyMMdd'T'HHmmss'Z'}, as AWS quotes it in its messages. */
    String basicFormat() {
        return format(instant);
    }

    /** Returns the date part, {@code yyyyMMdd}, which the credential scope must name. */
    String date() {
        return DATE_FORMAT.format(instant);
    }

    /**
     * Checks that this time is at most {@code maxSkew} away from {@code now}.
     *
     * @throws SigV4Rejection if it is too old or too far in the future
     */
    void requireWithin(Duration maxSkew, Instant now) {
        Instant nowToTheSecond = now.truncatedTo(ChronoUnit.SECONDS);
        String skewText = maxSkew.toMinutes() + " min.";
        Instant earliest = nowToTheSecond.minus(maxSkew);
        if (instant.isBefore(earliest)) {
            throw SigV4Rejection.invalidSignature("Signature expired: " + basicFormat() + " is now earlier than "
                    + format(earliest) + " (" + format(nowToTheSecond) + " - " + skewText + ")");
        }
        Instant latest = nowToTheSecond.plus(maxSkew);
        if (instant.isAfter(latest)) {
            throw SigV4Rejection.invalidSignature("Signature not yet current: " + basicFormat()
                    + " is still later than " + format(latest)
                    + " (" + format(nowToTheSecond) + " + " + skewText + ")");
        }
    }

    private static RequestTimestamp parseBasicFormat(String value) {
        try {
            return new RequestTimestamp(LocalDateTime.parse(value, BASIC_FORMAT).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            throw SigV4Rejection.incompleteSignature("Date must be in ISO-8601 'basic format'. Got '" + value
                    + "'. See http://en.wikipedia.org/wiki/ISO_8601");
        }
    }

    private static RequestTimestamp parseHttpDate(String value) {
        try {
            return new RequestTimestamp(ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            throw SigV4Rejection.incompleteSignature(
                    "Date must be in RFC 1123 format, e.g. 'Sun, 30 Aug 2015 12:36:00 GMT'. Got '" + value + "'.");
        }
    }

    private static String format(Instant instant) {
        return BASIC_FORMAT.format(instant.atOffset(ZoneOffset.UTC));
    }
}
