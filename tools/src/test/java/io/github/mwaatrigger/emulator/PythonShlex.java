package io.github.mwaatrigger.emulator;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Python's own {@code shlex}, the reference the Java shell handling must agree with. All questions
 * go to one {@code python3} process in a single batch (see {@code shlex_oracle.py} for the line
 * protocol), and the answers are kept for lookup.
 */
final class PythonShlex {
    private static final long TIMEOUT_SECONDS = 30;

    private final Map<String, ShlexOutcome> splits;
    private final Map<String, String> quotes;

    private PythonShlex(Map<String, ShlexOutcome> splits, Map<String, String> quotes) {
        this.splits = splits;
        this.quotes = quotes;
    }

    /** Runs {@code shlex.split} on each of {@code lines} and {@code shlex.quote} on each of {@code words}. */
    static PythonShlex ask(Collection<String> lines, Collection<String> words)
            throws IOException, InterruptedException {
        Process python = new ProcessBuilder("python3", "-I", "-c", oracleScript())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            try (Writer requests = new OutputStreamWriter(python.getOutputStream(), US_ASCII)) {
                for (String line : lines) {
                    requests.write("split " + encode(line) + "\n");
                }
                for (String word : words) {
                    requests.write("quote " + encode(word) + "\n");
                }
            }
            List<String> answers;
            try (BufferedReader output = new BufferedReader(new InputStreamReader(python.getInputStream(), US_ASCII))) {
                answers = output.lines().toList();
            }
            if (!python.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("python3 did not finish within " + TIMEOUT_SECONDS + " s");
            }
            if (python.exitValue() != 0) {
                throw new IllegalStateException("python3 failed with exit code " + python.exitValue());
            }
            return read(answers.iterator(), lines, words);
        } finally {
            python.destroyForcibly();
        }
    }

    /** What {@code shlex.split(line)} gave; {@code line} must have been asked about. */
    ShlexOutcome split(String line) {
        return answer(splits, line);
    }

    /** What {@code shlex.quote(word)} gave; {@code word} must have been asked about. */
    String quote(String word) {
        return answer(quotes, word);
    }

    private static PythonShlex read(Iterator<String> answers, Collection<String> lines, Collection<String> words) {
        Map<String, ShlexOutcome> splits = new HashMap<>();
        for (String line : lines) {
            splits.put(line, readOutcome(answers));
        }
        Map<String, String> quotes = new HashMap<>();
        for (String word : words) {
            quotes.put(word, readOutcome(answers).words().get(0));
        }
        if (answers.hasNext()) {
            throw new IllegalStateException("python3 gave more answers than questions");
        }
        return new PythonShlex(splits, quotes);
    }

    private static ShlexOutcome readOutcome(Iterator<String> answers) {
        String header = answers.next();
        if (header.startsWith("error ")) {
            return ShlexOutcome.error(header.substring("error ".length()));
        }
        int count = Integer.parseInt(header.substring("ok ".length()));
        String[] words = new String[count];
        for (int i = 0; i < count; i++) {
            words[i] = decode(answers.next());
        }
        return ShlexOutcome.words(List.of(words));
    }

    private static <T> T answer(Map<String, T> answers, String question) {
        T answer = answers.get(question);
        if (answer == null) {
            throw new IllegalArgumentException("python3 was not asked about " + question);
        }
        return answer;
    }

    private static String oracleScript() {
        try (InputStream script = Objects.requireNonNull(
                PythonShlex.class.getResourceAsStream("shlex_oracle.py"), "shlex_oracle.py resource")) {
            return new String(script.readAllBytes(), UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String encode(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(UTF_8));
    }

    private static String decode(String field) {
        return new String(Base64.getDecoder().decode(field), UTF_8);
    }
}
