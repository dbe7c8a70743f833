package io.github.mwaatrigger.emulator;

import io.github.mwaatrigger.json.JsonArray;
import io.github.mwaatrigger.json.JsonBoolean;
import io.github.mwaatrigger.json.JsonNull;
import io.github.mwaatrigger.json.JsonNumber;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.json.JsonString;
import io.github.mwaatrigger.json.JsonValue;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Python's {@code repr()} of JSON values as {@code json.loads} makes them, which is how Airflow 2's REST API
 * (jsonschema through connexion, marshmallow) quotes a request's values in its error messages:
 * {@code 'text'}, {@code None}, {@code True}, {@code {'a': [1]}}.
 */
final class PythonRepr {

    private PythonRepr() {
    }

    static String of(JsonValue value) {
        if (value instanceof JsonString string) {
            return of(string.value());
        }
        if (value instanceof JsonNull) {
            return "None";
        }
        if (value instanceof JsonBoolean bool) {
            return bool.value() ? "True" : "False";
        }
        if (value instanceof JsonNumber number) {
            return PythonNumbers.str(number);
        }
        if (value instanceof JsonArray array) {
            return array.elements().stream().map(PythonRepr::of).collect(Collectors.joining(", ", "[", "]"));
        }
        JsonObject object = (JsonObject) value;
        return object.members().entrySet().stream().map(member -> of(member.getKey()) + ": " + of(member.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
    }

    /** {@code repr(str)}: single quotes, unless the text holds a single quote and no double quote. */
    static String of(String text) {
        boolean doubleQuoted = text.indexOf('\'') >= 0 && text.indexOf('"') < 0;
        char quote = doubleQuoted ? '"' : '\'';
        StringBuilder out = new StringBuilder().append(quote);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                out.append("\\\\");
            } else if (c == quote) {
                out.append('\\').append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c < 0x20 || c == 0x7F) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append(quote).toString();
    }

    /** A marshmallow error dictionary, {@code {'field': ['message']}}, as {@code str(ValidationError)} writes it. */
    static String errors(Map<String, List<String>> errors) {
        return errors.entrySet().stream()
                .map(entry -> of(entry.getKey()) + ": "
                        + entry.getValue().stream().map(PythonRepr::of).collect(Collectors.joining(", ", "[", "]")))
                .collect(Collectors.joining(", ", "{", "}"));
    }
}
