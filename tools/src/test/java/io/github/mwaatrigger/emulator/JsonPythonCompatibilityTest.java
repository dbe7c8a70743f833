package io.github.mwaatrigger.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwaatrigger.json.Json;
import io.github.mwaatrigger.json.JsonWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compares the JSON writers with CPython's {@code json} module: the emulator's {@link PythonJson} must write
 * what {@code json.dumps} writes, and Python must read the functions' compact JSON back as the same value.
 *
 * <p>Both sides parse the same source document independently. One {@code python3} process
 * handles every case: each stdin line carries the source and our compact output; each stdout
 * line carries Python's {@code json.dumps(value)} and whether {@code json.loads} of our compact
 * output equals the value.
 * Texts travel as Base64 of UTF-16BE so that unpaired surrogates survive the trip.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JsonPythonCompatibilityTest {

    private static final String PYTHON_SCRIPT = """
            import base64, json, sys
            def decode(field):
                return base64.b64decode(field).decode('utf-16-be', 'surrogatepass')
            def encode(text):
                return base64.b64encode(text.encode('utf-16-be', 'surrogatepass')).decode('ascii')
            for line in sys.stdin:
                source, compact = line.split()
                value = json.loads(decode(source))
                again = json.loads(decode(compact))
                same = again == value and json.dumps(again) == json.dumps(value)
                print(encode(json.dumps(value)), same)
            """;

    private List<PythonResult> pythonResults;

    static List<String> documents() {
        return List.of(
                "\"plain ASCII\"",
                "\"caf\u00e9 \u00fc\u00df \u4e2d\u6587 \u20ac\"",
                "\"emoji \uD83D\uDE00 \uD83C\uDDE9\uD83C\uDDEA\"",
                "\"escaped emoji \\ud83d\\ude00\"",
                "\"unpaired surrogates \\ud800 \\udfff\"",
                "\"controls \\u0000\\u0001\\b\\t\\n\\u000b\\f\\r\\u001b\\u001f\"",
                "\"DEL \u007f and C1 \u0080\u009f and separators \u2028\u2029 and BOM \ufeff and \uffff\"",
                "\"quotes \\\" and 'apostrophes' and backslashes \\\\ \\\\\\\\ and slash \\/ /\"",
                "\"\"",
                "[]",
                "{}",
                "[[], {}, [[]], {\"a\": {}}]",
                "{\"z\": 1, \"a\": [true, false, null], \"\u00e9\\n\\\"key\\\"\": {\"nested\": [1, [2, [3]]]}}",
                "[0, -1, 42, 12345678901234567890, -9223372036854775809, 1.5, -0.25, 1e+100, 1e-07]",
                "{\"dag_id\": \"etl\", \"conf\": {\"date\": \"2024-01-01\", \"tags\": [\"a\", \"b\"], \"n\": 3}}",
                "true",
                "false",
                "null",
                "7");
    }

    @BeforeAll
    void runPythonOnEveryDocument() throws IOException, InterruptedException {
        Process python = new ProcessBuilder("python3", "-c", PYTHON_SCRIPT)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try (OutputStream stdin = python.getOutputStream()) {
            StringBuilder lines = new StringBuilder();
            for (String document : documents()) {
                String compact = JsonWriter.compact().write(Json.parse(document));
                lines.append(encode(document)).append(' ').append(encode(compact)).append('\n');
            }
            stdin.write(lines.toString().getBytes(StandardCharsets.US_ASCII));
        }
        String stdout = new String(python.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertThat(python.waitFor(10, TimeUnit.SECONDS)).as("python3 finished").isTrue();
        assertThat(python.exitValue()).as("python3 exit status").isZero();
        pythonResults = stdout.lines().map(PythonResult::parse).toList();
        assertThat(pythonResults).hasSameSizeAs(documents());
    }

    @ParameterizedTest
    @MethodSource("documents")
    void pythonDumpsMatchesPythonByteForByte(String document) {
        assertThat(PythonJson.dumps(Json.parse(document))).isEqualTo(resultFor(document).dumps());
    }

    @ParameterizedTest
    @MethodSource("documents")
    void pythonReadsCompactOutputBackAsTheSameValue(String document) {
        assertThat(resultFor(document).compactLoadsEqual()).isTrue();
    }

    private PythonResult resultFor(String document) {
        return pythonResults.get(documents().indexOf(document));
    }

    /** Encodes every UTF-16 code unit, unpaired surrogates included, as two big-endian bytes. */
    private static String encode(String text) {
        byte[] bytes = new byte[text.length() * 2];
        for (int i = 0; i < text.length(); i++) {
            bytes[2 * i] = (byte) (text.charAt(i) >> 8);
            bytes[2 * i + 1] = (byte) text.charAt(i);
        }
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String decode(String field) {
        byte[] bytes = Base64.getDecoder().decode(field);
        char[] chars = new char[bytes.length / 2];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) ((bytes[2 * i] & 0xFF) << 8 | bytes[2 * i + 1] & 0xFF);
        }
        return new String(chars);
    }

    /** What Python made of one document. */
    private record PythonResult(String dumps, boolean compactLoadsEqual) {

        static PythonResult parse(String line) {
            String[] fields = line.split(" ");
            return new PythonResult(decode(fields[0]), Boolean.parseBoolean(fields[1]));
        }
    }
}
