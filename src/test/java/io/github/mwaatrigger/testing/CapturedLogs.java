package io.github.mwaatrigger.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Everything the code under test logs while open: every {@code java.util.logging} record at every level
 * (where {@code System.Logger} goes), and everything printed on {@code System.out} and {@code System.err}.
 */
public final class CapturedLogs implements AutoCloseable {

    private final Logger root = Logger.getLogger("");
    private final Level previousLevel = root.getLevel();
    private final List<String> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            records.add(formatter.format(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final PrintStream previousOut = System.out;
    private final PrintStream previousErr = System.err;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    private CapturedLogs() {
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
        root.setLevel(Level.ALL);
        PrintStream both = new PrintStream(printed, true, StandardCharsets.UTF_8);
        System.setOut(both);
        System.setErr(both);
    }

    public static CapturedLogs start() {
        return new CapturedLogs();
    }

    /** All captured text so far. */
    public String text() {
        return String.join("", records) + printed.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        System.setOut(previousOut);
        System.setErr(previousErr);
        root.removeHandler(handler);
        root.setLevel(previousLevel);
    }
}
