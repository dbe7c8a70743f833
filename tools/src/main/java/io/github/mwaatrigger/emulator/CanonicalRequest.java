package io.github.mwaatrigger.emulator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Builds the canonical request of AWS Signature Version 4 (for services other than S3) from a request
 * as received, the way the AWS SDK for Java v2 and botocore build it when signing.
 */
final class CanonicalRequest {

    private static final Comparator<QueryParameter> BY_NAME_THEN_VALUE =
            Comparator.comparing(QueryParameter::name).thenComparing(QueryParameter::value);

    private CanonicalRequest() {
    }

    /**
     * Returns the canonical request: method, canonical URI, canonical query string, canonical headers,
     * signed headers and payload hash, separated by newlines.
     *
     * @param request       the request as received
     * @param signedHeaders the signed header names, as listed in the Authorization header
     * @param payloadHash   the hex SHA-256 of the payload, or the value of {@code X-Amz-Content-Sha256}
     */
    static String build(SignedRequest request, List<String> signedHeaders, String payloadHash) {
        return request.method() + '\n'
                + canonicalUri(request.rawPath()) + '\n'
                + canonicalQueryString(request.rawQuery()) + '\n'
                + canonicalHeaders(request, signedHeaders) + '\n'
                + String.join(";", signedHeaders) + '\n'
                + payloadHash;
    }

    /**
     * Normalizes the still-encoded path and then percent-encodes it once more, keeping slashes: the
     * double encoding that all services but S3 expect, so {@code /a%20b} becomes {@code /a%2520b}.
     */
    static String canonicalUri(String rawPath) {
        return UriEncoding.encode(normalizePath(rawPath), true);
    }

    /**
     * Removes {@code .} and {@code ..} segments and empty segments (repeated slashes), keeping a
     * trailing slash only if the path had one; an empty path becomes {@code /}. Botocore and the AWS
     * SDK for Java v2 both normalize this way before signing.
     */
    static String normalizePath(String path) {
        if (path.isEmpty()) {
            return "/";
        }
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : path.split("/")) {
            if (segment.equals("..")) {
                segments.pollLast();
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                segments.addLast(segment);
            }
        }
        String leadingSlash = path.startsWith("/") ? "/" : "";
        String trailingSlash = path.endsWith("/") && !segments.isEmpty() ? "/" : "";
        return leadingSlash + String.join("/", segments) + trailingSlash;
    }

    /**
     * Decodes each query parameter, percent-encodes its name and value again, and sorts the parameters
     * by encoded name, then encoded value. A parameter without {@code =} gets an empty value.
     */
    static String canonicalQueryString(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<QueryParameter> parameters = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (!pair.isEmpty()) {
                parameters.add(QueryParameter.parse(pair));
            }
        }
        return parameters.stream()
                .sorted(BY_NAME_THEN_VALUE)
                .map(parameter -> parameter.name() + '=' + parameter.value())
                .collect(Collectors.joining("&"));
    }

    /**
     * Lists each signed header as {@code name:values} on its own line, ending with a newline: the name
     * lower-cased, each value trimmed with inner runs of whitespace collapsed to one space, and multiple
     * values joined with commas. A signed header absent from the request gets an empty value.
     */
    static String canonicalHeaders(SignedRequest request, List<String> signedHeaders) {
        StringBuilder canonical = new StringBuilder(256);
        for (String name : signedHeaders) {
            canonical.append(name.toLowerCase(Locale.ROOT)).append(':');
            List<String> values = request.headerValues(name);
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    canonical.append(',');
                }
                appendTrimmed(canonical, values.get(i));
            }
            canonical.append('\n');
        }
        return canonical.toString();
    }

    private static void appendTrimmed(StringBuilder canonical, String value) {
        boolean pendingSpace = false;
        boolean started = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isWhitespace(c)) {
                pendingSpace = started;
            } else {
                if (pendingSpace) {
                    canonical.append(' ');
                    pendingSpace = false;
                }
                canonical.append(c);
                started = true;
            }
        }
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** One query parameter, name and value both in canonical (RFC 3986) encoding. */
    private record QueryParameter(String name, String value) {

        static QueryParameter parse(String pair) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            return new QueryParameter(canonical(name), canonical(value));
        }

        private static String canonical(String component) {
            return UriEncoding.encode(UriEncoding.decodeQueryComponent(component), false);
        }
    }
}
