package io.github.mwaatrigger.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwaatrigger.json.JsonNumber;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Checks {@link PythonNumbers} against CPython's own {@code str(json.loads(number))} on seeded random
 * doubles of every magnitude, on short decimals and on every power of two (where the doubles below are
 * closer than those above, so the shortest digits may not be the nearest), in one {@code python3} process. A failure lists every
 * number on which the two disagree.
 */
class PythonNumbersCompatibilityTest {

    private static final long SEED = 0x5EED_F10A7L;
    private static final String PYTHON_SCRIPT = """
            import json, sys
            for line in sys.stdin:
                print(str(json.loads(line)))
            """;

    @Test
    void writesWhatPythonWritesForRandomNumbersAndPowersOfTwo() throws IOException, InterruptedException {
        List<String> numbers = randomNumbers(new Random(SEED));

        List<String> python = askPython(numbers);

        List<String> disagreements = new ArrayList<>();
        for (int i = 0; i < numbers.size(); i++) {
            String ours = PythonNumbers.str(new JsonNumber(numbers.get(i)));
            if (!ours.equals(python.get(i))) {
                disagreements.add(numbers.get(i) + ": Python " + python.get(i) + ", emulator " + ours);
            }
        }
        assertThat(disagreements).isEmpty();
    }

    private static List<String> randomNumbers(Random random) {
        List<String> numbers = new ArrayList<>();
        for (int exponent = Double.MIN_EXPONENT - 52; exponent <= Double.MAX_EXPONENT; exponent++) {
            numbers.add(Double.toString(Math.scalb(1.0, exponent)));
        }
        while (numbers.size() < 3000) {
            double bits = Double.longBitsToDouble(random.nextLong());
            if (Double.isFinite(bits)) {
                numbers.add(Double.toString(bits)); // 1.0E10, -4.9E-324: JSON numbers too
            }
            numbers.add((random.nextBoolean() ? "-" : "") + random.nextInt(1000) + "." + random.nextInt(100_000)
                    + "e" + (random.nextInt(50) - 25));
            numbers.add(Long.toString(random.nextLong()) + ".0");
        }
        return numbers;
    }

    private static List<String> askPython(List<String> numbers) throws IOException, InterruptedException {
        Process python = new ProcessBuilder("python3", "-I", "-c", PYTHON_SCRIPT)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try (OutputStream stdin = python.getOutputStream()) {
            stdin.write((String.join("\n", numbers) + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        String stdout = new String(python.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertThat(python.waitFor(30, TimeUnit.SECONDS)).as("python3 finished").isTrue();
        assertThat(python.exitValue()).as("python3 exit status").isZero();
        List<String> answers = stdout.lines().toList();
        assertThat(answers).hasSameSizeAs(numbers);
        return answers;
    }
}
