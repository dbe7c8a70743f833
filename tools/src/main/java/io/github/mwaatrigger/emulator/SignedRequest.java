package io.github.mwaatrigger.emulator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP request as received, before any decoding: the input to {@link SigV4Verifier}.
 *
 * @param method   the HTTP method, e.g. {@code POST}
 * @param rawPath  the request path exactly as sent on the request line, still percent-encoded
 * @param rawQuery the query string without the leading {@code ?}, still percent-encoded, or {@code null} if absent
 * @param headers  the header values by header name, with names as received (lookups ignore case)
 * @param body     the request body, empty when there is none
 */
public record SignedRequest(
        String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {

    /** Copies every component so that later changes to the arguments do not affect this request. */
    public SignedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(rawPath, "rawPath");
        headers = copyOf(Objects.requireNonNull(headers, "headers"));
        body = Objects.requireNonNull(body, "body").clone();
    }

    /** Returns a copy of the body, so that callers cannot change this request. */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /**
     * Returns every value of a header, whatever the case of its name as received, in the order received.
     *
     * @param name the header name, in any case
     * @return the values, empty if the header is absent
     */
    public List<String> headerValues(String name) {
        List<String> values = new ArrayList<>(1);
        headers.forEach((receivedName, receivedValues) -> {
            if (receivedName.equalsIgnoreCase(name)) {
                values.addAll(receivedValues);
            }
        });
        return values;
    }

    /**
     * Returns the first value of a header, whatever the case of its name as received.
     *
     * @param name the header name, in any case
     * @return the first value, or empty if the header is absent
     */
    public Optional<String> firstHeaderValue(String name) {
        return headerValues(name).stream().findFirst();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SignedRequest that
                && method.equals(that.method)
                && rawPath.equals(that.rawPath)
                && Objects.equals(rawQuery, that.rawQuery)
                && headers.equals(that.headers)
                && Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, rawPath, rawQuery, headers, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        String target = rawQuery == null ? rawPath : rawPath + '?' + rawQuery;
        return "SignedRequest[" + method + ' ' + target + ", headers=" + headers.keySet()
                + ", body=" + body.length + " bytes]";
    }

    private static Map<String, List<String>> copyOf(Map<String, List<String>> headers) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        return Collections.unmodifiableMap(copy);
    }
}
