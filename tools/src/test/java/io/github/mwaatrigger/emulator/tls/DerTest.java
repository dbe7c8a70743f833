package io.github.mwaatrigger.emulator.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DerTest {
    private static final HexFormat HEX = HexFormat.of();

    @ParameterizedTest
    @CsvSource({
        "0, 020100",
        "127, 02017f",
        "128, 02020080",
        "256, 02020100",
        "-1, 0201ff",
        "-128, 020180",
        "-129, 0202ff7f"
    })
    void encodesIntegersInMinimalTwosComplement(long value, String expected) {
        assertThat(hex(Der.integer(BigInteger.valueOf(value)))).isEqualTo(expected);
    }

    @Test
    void encodesTrueAsAllOnesOctet() {
        assertThat(hex(Der.bool(true))).isEqualTo("0101ff");
        assertThat(hex(Der.bool(false))).isEqualTo("010100");
    }

    @ParameterizedTest
    @CsvSource({
        "2.5.4.3, 0603550403",
        "1.2.840.113549.1.1.11, 06092a864886f70d01010b",
        "1.2.840.10045.4.3.2, 06082a8648ce3d040302",
        "2.999.3, 0603883703"
    })
    void encodesObjectIdentifiersInBase128(String dotted, String expected) {
        assertThat(hex(Der.objectIdentifier(dotted))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1", "3.1", "1.40", "1..2", "1.02", "1.2.", "a.b"})
    void rejectsMalformedObjectIdentifiers(String dotted) {
        assertThatIllegalArgumentException().isThrownBy(() -> Der.objectIdentifier(dotted));
    }

    @Test
    void encodesStringsWithTheirOwnTagsAndCharsets() {
        assertThat(hex(Der.utf8String("é"))).isEqualTo("0c02c3a9");
        assertThat(hex(Der.ia5String("a.b"))).isEqualTo("1603612e62");
    }

    @Test
    void rejectsNonAsciiIa5Strings() {
        assertThatIllegalArgumentException().isThrownBy(() -> Der.ia5String("é"));
    }

    @Test
    void encodesUtcTimeToTheSecond() {
        Instant instant = Instant.parse("2049-12-31T23:59:59.999Z");

        assertThat(hex(Der.utcTime(instant))).isEqualTo("170d" + ascii("491231235959Z"));
    }

    @Test
    void encodesGeneralizedTimeToTheSecond() {
        Instant instant = Instant.parse("2050-01-02T03:04:05.600Z");

        assertThat(hex(Der.generalizedTime(instant))).isEqualTo("180f" + ascii("20500102030405Z"));
    }

    @Test
    void rejectsUtcTimeOutsideItsCentury() {
        assertThatIllegalArgumentException().isThrownBy(() -> Der.utcTime(Instant.parse("2050-01-01T00:00:00Z")));
        assertThatIllegalArgumentException().isThrownBy(() -> Der.utcTime(Instant.parse("1949-12-31T23:59:59Z")));
    }

    @ParameterizedTest
    @CsvSource({
        "1950-01-01T00:00:00Z, 170d, 500101000000Z",
        "2049-12-31T23:59:59Z, 170d, 491231235959Z",
        "2050-01-01T00:00:00Z, 180f, 20500101000000Z",
        "1949-12-31T23:59:59Z, 180f, 19491231235959Z"
    })
    void choosesCertificateTimeTypeAsRfc5280Prescribes(String instant, String header, String text) {
        assertThat(hex(Der.time(Instant.parse(instant)))).isEqualTo(header + ascii(text));
    }

    @Test
    void encodesWholeOctetBitStringsWithNoUnusedBits() {
        assertThat(hex(Der.bitString(new byte[] {0x01, 0x02}))).isEqualTo("0303000102");
    }

    @ParameterizedTest
    @CsvSource({
        "0, 03020780",
        "'5,6', 03020106",
        "'0,8', 0303078080",
        "7, 03020001",
        "'', 030100"
    })
    void encodesNamedBitStringsWithoutTrailingZeroBits(String bits, String expected) {
        int[] setBits = bits.isEmpty()
                ? new int[0]
                : Arrays.stream(bits.split(",")).mapToInt(Integer::parseInt).toArray();

        assertThat(hex(Der.namedBitString(setBits))).isEqualTo(expected);
    }

    @Test
    void encodesLongLengthsInLongForm() {
        assertThat(hex(Der.octetString(new byte[127]))).startsWith("047f00");
        assertThat(hex(Der.octetString(new byte[200]))).startsWith("0481c800");
        assertThat(hex(Der.octetString(new byte[300]))).startsWith("0482012c00");
        assertThat(Der.octetString(new byte[70_000])).hasSize(70_005);
    }

    @Test
    void encodesSequencesInGivenOrder() {
        byte[] sequence = Der.sequence(Der.integer(BigInteger.TWO), Der.integer(BigInteger.ONE));

        assertThat(hex(sequence)).isEqualTo("3006020102020101");
        assertThat(hex(Der.sequence())).isEqualTo("3000");
    }

    @Test
    void sortsSetElementsByEncoding() {
        byte[] set = Der.setOf(Der.integer(BigInteger.TWO), Der.integer(BigInteger.ONE));

        assertThat(hex(set)).isEqualTo("3106020101020102");
    }

    @Test
    void wrapsElementsInExplicitContextTags() {
        assertThat(hex(Der.explicit(0, Der.integer(BigInteger.TWO)))).isEqualTo("a003020102");
        assertThat(hex(Der.explicit(3, Der.sequence()))).isEqualTo("a3023000");
    }

    @Test
    void replacesTagsWithImplicitContextTagsKeepingTheForm() {
        assertThat(hex(Der.implicit(2, Der.ia5String("a")))).isEqualTo("820161");
        assertThat(hex(Der.implicit(0, Der.sequence()))).isEqualTo("a000");
    }

    @Test
    void rejectsTagNumbersThatNeedTheHighTagForm() {
        assertThatIllegalArgumentException().isThrownBy(() -> Der.implicit(31, Der.sequence()));
        assertThatIllegalArgumentException().isThrownBy(() -> Der.explicit(-1, Der.sequence()));
    }

    private static String hex(byte[] encoded) {
        return HEX.formatHex(encoded);
    }

    private static String ascii(String text) {
        return HEX.formatHex(text.getBytes(StandardCharsets.US_ASCII));
    }
}
