package io.github.mwaatrigger.trigger;

import io.github.mwaatrigger.json.JsonArray;
import io.github.mwaatrigger.json.JsonNumber;
import io.github.mwaatrigger.json.JsonObject;
import io.github.mwaatrigger.json.JsonString;
import io.github.mwaatrigger.json.JsonValue;
import io.github.mwaatrigger.json.JsonWriter;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Refuses, before anything is sent, a conf that Airflow would not keep as it was sent, or whose answer
 * could not be read back:
 *
 * <ul>
 *   <li>nesting deeper than {@link DagRunRequest#MAX_CONF_DEPTH}, the most that this project's JSON reader
 *       takes in a request, and two levels less than it reads in Airflow's {@code -o json} answer, which
 *       prints the run as {@code [{"conf": ...}]};</li>
 *   <li>a number with a fraction or an exponent (a Python {@code float} once Airflow has read it) beyond
 *       the range of a float, such as {@code 1e400}: Python reads it as {@code inf}, which JSON has no
 *       word for (Python writes it {@code Infinity}, which is not JSON, and a database's JSON column
 *       refuses it);</li>
 *   <li>such a number that is not zero but so small that Python reads it as {@code 0.0}, such as
 *       {@code 1e-400}: the run would see another value than the caller sent.</li>
 * </ul>
 *
 * Python keeps integers exactly, so they pass whatever their size (the JSON reader bounds their length).
 * A float is read as the nearest double, as Java's {@link Double#parseDouble} reads it.
 */
final class ConfCheck {

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    private static final int MAX_SHOWN_PATH = 120;
    private static final int MAX_SHOWN_NUMBER = 40;

    private ConfCheck() {
    }

    /** @throws InvalidDagRunRequestException saying what is wrong, where, and what to send instead */
    static void require(JsonObject conf) {
        check(conf, "conf", 1);
    }

    private static void check(JsonValue value, String path, int depth) {
        if (value instanceof JsonObject || value instanceof JsonArray) {
            if (depth > DagRunRequest.MAX_CONF_DEPTH) {
                throw new InvalidDagRunRequestException("the conf nests objects and arrays deeper than "
                        + DagRunRequest.MAX_CONF_DEPTH + " levels (at " + shown(path) + "): flatten it, or pass a "
                        + "reference (such as an S3 key) to the data instead");
            }
        }
        if (value instanceof JsonObject object) {
            for (Map.Entry<String, JsonValue> member : object.members().entrySet()) {
                check(member.getValue(), path + step(member.getKey()), depth + 1);
            }
        } else if (value instanceof JsonArray array) {
            List<JsonValue> elements = array.elements();
            for (int i = 0; i < elements.size(); i++) {
                check(elements.get(i), path + "[" + i + "]", depth + 1);
            }
        } else if (value instanceof JsonNumber number) {
            checkNumber(number.text(), path);
        }
    }

    private static void checkNumber(String text, String path) {
        boolean isFloat = text.indexOf('.') >= 0 || text.indexOf('e') >= 0 || text.indexOf('E') >= 0;
        if (!isFloat) {
            return;
        }
        double read = Double.parseDouble(text);
        if (Double.isInfinite(read)) {
            throw new InvalidDagRunRequestException("the conf value at " + shown(path) + " is " + shownNumber(text)
                    + ", beyond the largest number Airflow's Python keeps (about 1.8e308): Python would read it as "
                    + (read < 0 ? "-inf" : "inf") + ", which is not JSON. Send it as a string (\"" + shownNumber(text)
                    + "\"), or as a number within that range");
        }
        if (read == 0 && hasNonZeroDigit(text)) {
            throw new InvalidDagRunRequestException("the conf value at " + shown(path) + " is " + shownNumber(text)
                    + ", closer to zero than the smallest number Airflow's Python keeps (about 4.9e-324): Python "
                    + "would read it as 0.0. Send it as a string (\"" + shownNumber(text) + "\"), or as 0");
        }
    }

    /** Whether the digits before the exponent are not all zero. */
    private static boolean hasNonZeroDigit(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 'e' || c == 'E') {
                return false;
            }
            if (c >= '1' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    private static String step(String name) {
        return PLAIN_NAME.matcher(name).matches() ? "." + name
                : "[" + JsonWriter.compact().write(new JsonString(name)) + "]";
    }

    private static String shown(String path) {
        return path.length() <= MAX_SHOWN_PATH ? path
                : path.substring(0, MAX_SHOWN_PATH / 2) + "..." + path.substring(path.length() - MAX_SHOWN_PATH / 2);
    }

    private static String shownNumber(String text) {
        return text.length() <= MAX_SHOWN_NUMBER ? text : text.substring(0, MAX_SHOWN_NUMBER) + "...";
    }
}
