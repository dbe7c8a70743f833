package io.github.mwaatrigger.emulator;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Percent-encoding and -decoding as AWS Signature Version 4 defines them (RFC 3986, upper-case hex). */
final class UriEncoding {

    private static final char[] HEX_DIGITS = "0123456789ABCDEF".toCharArray();

    private UriEncoding() {
    }

    /**
     * Percent-encodes every byte of the UTF-8 form of {@code text} except the RFC 3986 unreserved
     * characters ({@code A-Z a-z 0-9 - . _ ~}) and, if {@code keepSlashes}, {@code /}.
     */
    static String encode(String text, boolean keepSlashes) {
        return encode(text.getBytes(StandardCharsets.UTF_8), keepSlashes);
    }

    /** Percent-encodes raw bytes; see {@link #encode(String, boolean)}. */
    static String encode(byte[] bytes, boolean keepSlashes) {
        StringBuilder encoded = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            char c = (char) (b & 0xFF);
            if (isUnreserved(c) || (keepSlashes && c == '/')) {
                encoded.append(c);
            } else {
                encoded.append('%').append(HEX_DIGITS[(b >> 4) & 0x0F]).append(HEX_DIGITS[b & 0x0F]);
            }
        }
        return encoded.toString();
    }

    /**
     * Decodes one name or value of a query string into bytes: {@code %XY} escapes become their byte and
     * {@code +} becomes a space, as the AWS SDK for Java reads a query string. A {@code %} that does not
     * start a valid escape is kept as it is.
     */
    static byte[] decodeQueryComponent(String component) {
        byte[] raw = component.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream decoded = new ByteArrayOutputStream(raw.length);
        for (int i = 0; i < raw.length; i++) {
            byte b = raw[i];
            if (b == '%' && i + 2 < raw.length && hexValue(raw[i + 1]) >= 0 && hexValue(raw[i + 2]) >= 0) {
                decoded.write(hexValue(raw[i + 1]) << 4 | hexValue(raw[i + 2]));
                i += 2;
            } else {
                decoded.write(b == '+' ? ' ' : b);
            }
        }
        return decoded.toByteArray();
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    private static int hexValue(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        return -1;
    }
}
