package io.github.mwaatrigger.commandline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A folder under the system's temporary folder that lives as long as a subcommand runs: {@link #close()}
 * deletes it with everything in it, and so does a shutdown hook if the process is stopped first (Ctrl-C,
 * SIGTERM, {@code System.exit}). Holds the emulator's CA files, which are worthless once it stops.
 */
final class TemporaryFolder implements AutoCloseable {

    private final Path path;
    private final Thread deleteAtShutdown;

    private TemporaryFolder(Path path) {
        this.path = path;
        this.deleteAtShutdown = new Thread(this::delete, "delete " + path);
    }

    /**
     * Creates a new folder whose name starts with {@code prefix}.
     *
     * @throws UncheckedIOException if it cannot be created
     */
    static TemporaryFolder create(String prefix) {
        try {
            TemporaryFolder folder = new TemporaryFolder(Files.createTempDirectory(prefix));
            Runtime.getRuntime().addShutdownHook(folder.deleteAtShutdown);
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder (" + prefix + "...): " + e.getMessage(), e);
        }
    }

    Path path() {
        return path;
    }

    /** Deletes the folder and everything in it; safe to call more than once, and during shutdown. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(deleteAtShutdown);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to run; deleting twice is harmless
        }
        delete();
    }

    private synchronized void delete() {
        List<Path> entries;
        try (Stream<Path> walk = Files.walk(path)) {
            entries = walk.sorted(Comparator.reverseOrder()).toList();
        } catch (NoSuchFileException gone) {
            return;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path + ": " + e.getMessage(), e);
        }
        for (Path entry : entries) {
            try {
                Files.deleteIfExists(entry);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + entry + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
