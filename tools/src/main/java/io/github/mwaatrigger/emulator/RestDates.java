package io.github.mwaatrigger.emulator;

import io.github.mwaatrigger.json.JsonNumber;
import io.github.mwaatrigger.json.JsonString;
import io.github.mwaatrigger.json.JsonValue;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How Airflow's REST APIs read and write dates: RFC 3339 in the v1 spec, pydantic's datetimes in v2. */
final class RestDates {

    /** What {@code rfc3339_validator} (jsonschema's {@code date-time} format, in connexion) accepts. */
    private static final Pattern RFC_3339 = Pattern.compile(
            "^(\\d{4})-(\\d{2})-(\\d{2})[Tt](\\d{2}):(\\d{2}):(\\d{2})(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})$");
    /** The date-times pydantic reads from a string (speedate): a date, or a date and a time, with or without zone. */
    private static final Pattern PYDANTIC = Pattern.compile(
            "^(\\d{4})-(\\d{2})-(\\d{2})(?:[Tt _](\\d{2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,6})\\d*)?)?"
                    + "([Zz]|[+-]\\d{2}(?::?\\d{2})?)?)?$");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    private RestDates() {
    }

    /** A date-time as pydantic reads it. */
    sealed interface Parsed {
        /** With a time zone (or a Unix time): the instant. */
        record Aware(Instant instant) implements Parsed {
        }

        /** Without a time zone: read as UTC, which an {@code AwareDatetime} field refuses. */
        record Naive(Instant instant) implements Parsed {
        }

        /**
         * Not a date-time.
         *
         * @param type    pydantic's error type
         * @param message pydantic's message
         * @param error   the parser's reason, pydantic's {@code ctx.error}, if any
         */
        record Invalid(String type, String message, Optional<String> error) implements Parsed {
        }
    }

    /** The instant an RFC 3339 date-time names, if {@code text} is one. */
    static Optional<Instant> rfc3339(String text) {
        Matcher matcher = RFC_3339.matcher(text);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            LocalDateTime local = LocalDateTime.of(LocalDate.of(number(matcher, 1), number(matcher, 2), number(matcher, 3)),
                    LocalTime.of(number(matcher, 4), number(matcher, 5), number(matcher, 6)))
                    .plusNanos(nanos(matcher.group(7) == null ? null : matcher.group(7).substring(1)));
            return Optional.of(local.toInstant(offset(matcher.group(8))));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** {@code value} as a pydantic {@code datetime} field reads it. */
    static Parsed pydantic(JsonValue value) {
        if (value instanceof JsonNumber number) {
            BigDecimal seconds = new BigDecimal(number.text());
            return new Parsed.Aware(Instant.ofEpochSecond(seconds.longValue(),
                    seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue()));
        }
        if (!(value instanceof JsonString string)) {
            return new Parsed.Invalid("datetime_type", "Input should be a valid datetime", Optional.empty());
        }
        String text = string.value();
        Matcher matcher = PYDANTIC.matcher(text);
        if (!matcher.matches()) {
            String reason = text.length() < 10 ? "input is too short" : "invalid character in year";
            if (text.length() >= 10 && text.substring(0, 10).matches("\\d{4}-\\d{2}-\\d{2}")) {
                reason = "invalid datetime separator, expected `T`, `t`, `_` or space";
            }
            return new Parsed.Invalid("datetime_from_date_parsing", "Input should be a valid datetime or date, " + reason,
                    Optional.of(reason));
        }
        try {
            LocalDate date = LocalDate.of(number(matcher, 1), number(matcher, 2), number(matcher, 3));
            LocalTime time = matcher.group(4) == null ? LocalTime.MIDNIGHT
                    : LocalTime.of(number(matcher, 4), number(matcher, 5),
                            matcher.group(6) == null ? 0 : number(matcher, 6)).plusNanos(nanos(matcher.group(7)));
            LocalDateTime local = LocalDateTime.of(date, time);
            if (matcher.group(8) == null) {
                return new Parsed.Naive(local.toInstant(ZoneOffset.UTC));
            }
            return new Parsed.Aware(local.toInstant(offset(matcher.group(8))));
        } catch (DateTimeException e) {
            String reason = "input is out of range";
            return new Parsed.Invalid("datetime_from_date_parsing", "Input should be a valid datetime or date, " + reason,
                    Optional.of(reason));
        }
    }

    /** How pydantic writes a UTC datetime: {@code 2024-01-01T00:00:00Z}, microseconds when there are any. */
    static String pydantic(Instant instant) {
        Instant micros = instant.truncatedTo(ChronoUnit.MICROS);
        String seconds = SECONDS.format(micros.atOffset(ZoneOffset.UTC));
        return seconds + (micros.getNano() == 0 ? "" : String.format(".%06d", micros.getNano() / 1000)) + "Z";
    }

    private static int number(Matcher matcher, int group) {
        return Integer.parseInt(matcher.group(group));
    }

    private static long nanos(String fraction) {
        if (fraction == null || fraction.isEmpty()) {
            return 0;
        }
        String nine = (fraction + "000000000").substring(0, 9);
        return Long.parseLong(nine);
    }

    private static ZoneOffset offset(String zone) {
        if (zone.equalsIgnoreCase("Z")) {
            return ZoneOffset.UTC;
        }
        String digits = zone.substring(1).replace(":", "");
        int hours = Integer.parseInt(digits.substring(0, 2));
        int minutes = digits.length() > 2 ? Integer.parseInt(digits.substring(2)) : 0;
        return zone.charAt(0) == '-' ? ZoneOffset.ofHoursMinutes(-hours, -minutes)
                : ZoneOffset.ofHoursMinutes(hours, minutes);
    }
}
