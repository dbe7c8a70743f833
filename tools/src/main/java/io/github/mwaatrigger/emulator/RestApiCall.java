package io.github.mwaatrigger.emulator;

import io.github.mwaatrigger.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One call of Airflow's REST API as {@code InvokeRestApi} passes it to the web server.
 *
 * @param method the HTTP method ({@code GET}, {@code POST}, ...)
 * @param path   the path below {@code /api/v1} or {@code /api/v2}, as the caller gave it ({@code /dags/d/dagRuns})
 * @param query  the query parameters, each with its values in order (a JSON array becomes a repeated parameter)
 * @param body   the JSON body, if the caller sent one
 */
record RestApiCall(String method, String path, Map<String, List<String>> query, Optional<JsonValue> body) {

    RestApiCall {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        query = Map.copyOf(query);
        Objects.requireNonNull(body, "body");
    }

    /** The path's segments, percent-decoded, without the empty one before the leading slash. */
    List<String> segments() {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        List<String> segments = new ArrayList<>();
        for (String segment : trimmed.split("/", -1)) {
            segments.add(percentDecoded(segment));
        }
        return segments;
    }

    /** The first value of query parameter {@code name}. */
    Optional<String> first(String name) {
        List<String> values = query.getOrDefault(name, List.of());
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Every value of query parameter {@code name}. */
    List<String> all(String name) {
        return query.getOrDefault(name, List.of());
    }

    /** {@code %XX} escapes decoded as UTF-8; {@code +} stays a plus, as in a URL path. */
    private static String percentDecoded(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%' && i + 2 < segment.length() && isHex(segment.charAt(i + 1)) && isHex(segment.charAt(i + 2))) {
                bytes.write(Integer.parseInt(segment.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
