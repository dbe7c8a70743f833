package io.github.mwaatrigger.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Checks each part of the canonical request against what botocore and the AWS SDK for Java v2 produce
 * when they sign (observed with both for every case below, unless noted).
 */
class SigV4CanonicalRequestTest {

    @ParameterizedTest(name = "''{0}'' -> ''{1}''")
    @CsvSource(delimiter = '|', textBlock = """
            /clitoken/My-Env_1   | /clitoken/My-Env_1
            /environments/a%20b  | /environments/a%2520b
            /environments/a%2Fb  | /environments/a%252Fb
            /a%7Eb               | /a%257Eb
            /~x                  | /~x
            /a:b@c$d             | /a%3Ab%40c%24d
            ''                   | /
            /                    | /
            /a//b                | /a/b
            //x                  | /x
            /a/./b/../c          | /a/c
            /a/b/                | /a/b/
            /a/..                | /
            /a/b/..              | /a
            """)
    void canonicalUriNormalizesThePathThenEncodesItAgain(String rawPath, String canonicalUri) {
        assertThat(CanonicalRequest.canonicalUri(rawPath)).isEqualTo(canonicalUri);
    }

    @Test
    void canonicalUriEncodesNonAsciiCharactersAsUtf8() {
        assertThat(CanonicalRequest.canonicalUri("/caf\u00e9")).isEqualTo("/caf%C3%A9");
    }

    @Test
    void canonicalQueryStringSortsByEncodedNameThenValue() {
        assertThat(CanonicalRequest.canonicalQueryString("b=2&a=x%20y&A=1&a=%2A"))
                .isEqualTo("A=1&a=%2A&a=x%20y&b=2");
    }

    @Test
    void canonicalQueryStringGivesAnEmptyValueToParametersWithoutOne() {
        assertThat(CanonicalRequest.canonicalQueryString("flag&empty=")).isEqualTo("empty=&flag=");
    }

    @Test
    void canonicalQueryStringNormalizesEscapes() {
        assertThat(CanonicalRequest.canonicalQueryString("lower=%2a&tilde=%7E&slash=a/b"))
                .isEqualTo("lower=%2A&slash=a%2Fb&tilde=~");
    }

    @Test
    void canonicalQueryStringReadsAPlusAsASpaceLikeTheJavaSdk() {
        // Neither SDK sends a raw '+' (both encode it as %2B); the Java SDK reads one as a space.
        assertThat(CanonicalRequest.canonicalQueryString("e=a+b")).isEqualTo("e=a%20b");
    }

    @Test
    void canonicalQueryStringIsEmptyWithoutAQuery() {
        assertThat(CanonicalRequest.canonicalQueryString(null)).isEmpty();
        assertThat(CanonicalRequest.canonicalQueryString("")).isEmpty();
    }

    @Test
    void canonicalHeadersTrimValuesAndJoinRepeatedHeadersWithCommas() {
        SignedRequest request = new SignedRequest("GET", "/", null, Map.of(
                "Host", List.of("example.amazonaws.com"),
                "X-Multi", List.of("  a   b  ", "c\td"),
                "x-tab", List.of("a\t\tb")), new byte[0]);

        assertThat(CanonicalRequest.canonicalHeaders(request, List.of("host", "x-multi", "x-tab")))
                .isEqualTo("host:example.amazonaws.com\nx-multi:a b,c d\nx-tab:a b\n");
    }

    @Test
    void canonicalRequestOfGetVanillaQueryOrderKeyCaseMatchesTheAwsTestSuite() {
        SignedRequest request = new SignedRequest("GET", "/", "Param2=value2&Param1=value1", Map.of(
                "Host", List.of("example.amazonaws.com"),
                "X-Amz-Date", List.of("20150830T123600Z")), new byte[0]);

        assertThat(CanonicalRequest.build(request, List.of("host", "x-amz-date"),
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")).isEqualTo("""
                GET
                /
                Param1=value1&Param2=value2
                host:example.amazonaws.com
                x-amz-date:20150830T123600Z

                host;x-amz-date
                e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855""");
    }
}
