package io.github.mwaatrigger.emulator.tls;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Encodes the ASN.1 values an X.509 certificate needs in the Distinguished Encoding Rules (ITU-T X.690).
 *
 * <p>Every method returns one complete element (tag, length and contents). Constructed types take
 * elements that were themselves produced here. Only the low-tag-number form (tag numbers up to 30) is
 * supported, which covers every tag in RFC 5280.
 */
final class Der {
    private static final int BOOLEAN = 0x01;
    private static final int INTEGER = 0x02;
    private static final int BIT_STRING = 0x03;
    private static final int OCTET_STRING = 0x04;
    private static final int OBJECT_IDENTIFIER = 0x06;
    private static final int UTF8_STRING = 0x0C;
    private static final int IA5_STRING = 0x16;
    private static final int UTC_TIME = 0x17;
    private static final int GENERALIZED_TIME = 0x18;
    private static final int SEQUENCE = 0x30;
    private static final int SET = 0x31;

    private static final int CONTEXT_SPECIFIC = 0x80;
    private static final int CONSTRUCTED = 0x20;
    private static final int MAX_LOW_TAG_NUMBER = 30;

    private static final Pattern DOTTED_OID = Pattern.compile("[0-2](\\.(0|[1-9][0-9]*))+");
    private static final Pattern IA5 = Pattern.compile("\\p{ASCII}*");
    private static final DateTimeFormatter UTC_TIME_FORMAT =
            DateTimeFormatter.ofPattern("uuMMddHHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter GENERALIZED_TIME_FORMAT =
            DateTimeFormatter.ofPattern("uuuuMMddHHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final int FIRST_UTC_TIME_YEAR = 1950;
    private static final int LAST_UTC_TIME_YEAR = 2049;

    private Der() {
    }

    /** A SEQUENCE of the given elements, in order. */
    static byte[] sequence(byte[]... elements) {
        return sequence(List.of(elements));
    }

    /** A SEQUENCE of the given elements, in order. */
    static byte[] sequence(List<byte[]> elements) {
        return element(SEQUENCE, concatenate(elements));
    }

    /** A SET OF the given elements, sorted by their encodings as DER requires. */
    static byte[] setOf(byte[]... elements) {
        byte[][] sorted = elements.clone();
        Arrays.sort(sorted, Arrays::compareUnsigned);
        return element(SET, concatenate(List.of(sorted)));
    }

    /** An INTEGER in minimal two's-complement form. */
    static byte[] integer(BigInteger value) {
        return element(INTEGER, value.toByteArray());
    }

    /** A BOOLEAN, whose DER encoding of {@code true} is {@code 0xFF}. */
    static byte[] bool(boolean value) {
        return element(BOOLEAN, new byte[] {value ? (byte) 0xFF : 0x00});
    }

    /**
     * An OBJECT IDENTIFIER.
     *
     * @param dotted the identifier in dotted decimal notation, for example {@code "2.5.4.3"}
     */
    static byte[] objectIdentifier(String dotted) {
        if (!DOTTED_OID.matcher(dotted).matches()) {
            throw new IllegalArgumentException("not a dotted object identifier: " + dotted);
        }
        String[] arcs = dotted.split("\\.");
        BigInteger first = new BigInteger(arcs[0]);
        BigInteger second = new BigInteger(arcs[1]);
        if (first.intValue() < 2 && second.compareTo(BigInteger.valueOf(40)) >= 0) {
            throw new IllegalArgumentException("second arc must be below 40 under arcs 0 and 1: " + dotted);
        }
        ByteArrayOutputStream contents = new ByteArrayOutputStream();
        writeBase128(contents, first.multiply(BigInteger.valueOf(40)).add(second));
        for (int i = 2; i < arcs.length; i++) {
            writeBase128(contents, new BigInteger(arcs[i]));
        }
        return element(OBJECT_IDENTIFIER, contents.toByteArray());
    }

    /** A UTF8String. */
    static byte[] utf8String(String value) {
        return element(UTF8_STRING, value.getBytes(StandardCharsets.UTF_8));
    }

    /** An IA5String (ASCII); rejects non-ASCII characters. */
    static byte[] ia5String(String value) {
        if (!IA5.matcher(value).matches()) {
            throw new IllegalArgumentException("not an IA5String: " + value);
        }
        return element(IA5_STRING, value.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * A certificate time as RFC 5280 section 4.1.2.5 prescribes: UTCTime for the years 1950 to 2049,
     * GeneralizedTime otherwise. Fractions of a second are dropped.
     */
    static byte[] time(Instant instant) {
        int year = instant.atZone(ZoneOffset.UTC).getYear();
        boolean utcTimeYear = year >= FIRST_UTC_TIME_YEAR && year <= LAST_UTC_TIME_YEAR;
        return utcTimeYear ? utcTime(instant) : generalizedTime(instant);
    }

    /** A UTCTime ({@code YYMMDDHHMMSSZ}) for the years 1950 to 2049; fractions of a second are dropped. */
    static byte[] utcTime(Instant instant) {
        int year = instant.atZone(ZoneOffset.UTC).getYear();
        if (year < FIRST_UTC_TIME_YEAR || year > LAST_UTC_TIME_YEAR) {
            throw new IllegalArgumentException("UTCTime cannot represent the year " + year);
        }
        return element(UTC_TIME, format(UTC_TIME_FORMAT, instant));
    }

    /** A GeneralizedTime ({@code YYYYMMDDHHMMSSZ}); fractions of a second are dropped. */
    static byte[] generalizedTime(Instant instant) {
        return element(GENERALIZED_TIME, format(GENERALIZED_TIME_FORMAT, instant));
    }

    /** A BIT STRING holding whole octets, such as a signature or a public key. */
    static byte[] bitString(byte[] octets) {
        byte[] contents = new byte[octets.length + 1];
        System.arraycopy(octets, 0, contents, 1, octets.length);
        return element(BIT_STRING, contents);
    }

    /**
     * A BIT STRING of named bits, such as KeyUsage, with trailing zero bits removed as DER requires.
     *
     * @param setBits the positions of the bits that are one, where bit 0 is the most significant bit
     */
    static byte[] namedBitString(int... setBits) {
        if (Arrays.stream(setBits).anyMatch(bit -> bit < 0)) {
            throw new IllegalArgumentException("bit positions must not be negative");
        }
        int highest = Arrays.stream(setBits).max().orElse(-1);
        byte[] contents = new byte[1 + (highest + 8) / 8];
        for (int bit : setBits) {
            contents[1 + bit / 8] |= (byte) (0x80 >>> (bit % 8));
        }
        if (highest >= 0) {
            contents[0] = (byte) (7 - highest % 8);
        }
        return element(BIT_STRING, contents);
    }

    /** An OCTET STRING. */
    static byte[] octetString(byte[] octets) {
        return element(OCTET_STRING, octets);
    }

    /** A context-specific EXPLICIT tag {@code [tagNumber]} wrapping a complete element. */
    static byte[] explicit(int tagNumber, byte[] element) {
        return element(CONTEXT_SPECIFIC | CONSTRUCTED | checkTagNumber(tagNumber), element);
    }

    /**
     * A context-specific IMPLICIT tag {@code [tagNumber]}: the element with its own tag replaced, keeping
     * whether it is primitive or constructed.
     */
    static byte[] implicit(int tagNumber, byte[] element) {
        byte[] retagged = element.clone();
        retagged[0] = (byte) (CONTEXT_SPECIFIC | (element[0] & CONSTRUCTED) | checkTagNumber(tagNumber));
        return retagged;
    }

    private static int checkTagNumber(int tagNumber) {
        if (tagNumber < 0 || tagNumber > MAX_LOW_TAG_NUMBER) {
            throw new IllegalArgumentException("tag number must be 0 to 30: " + tagNumber);
        }
        return tagNumber;
    }

    private static byte[] format(DateTimeFormatter format, Instant instant) {
        return format.format(instant.truncatedTo(ChronoUnit.SECONDS)).getBytes(StandardCharsets.US_ASCII);
    }

    private static void writeBase128(ByteArrayOutputStream out, BigInteger value) {
        int groups = Math.max(1, (value.bitLength() + 6) / 7);
        for (int group = groups - 1; group >= 0; group--) {
            int bits = value.shiftRight(7 * group).intValue() & 0x7F;
            out.write(group == 0 ? bits : bits | 0x80);
        }
    }

    private static byte[] concatenate(List<byte[]> elements) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        elements.forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static byte[] element(int tag, byte[] contents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(contents.length + 6);
        out.write(tag);
        writeLength(out, contents.length);
        out.writeBytes(contents);
        return out.toByteArray();
    }

    private static void writeLength(ByteArrayOutputStream out, int length) {
        if (length < 0x80) {
            out.write(length);
            return;
        }
        int octets = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
        out.write(0x80 | octets);
        for (int octet = octets - 1; octet >= 0; octet--) {
            out.write(length >>> (8 * octet));
        }
    }
}
