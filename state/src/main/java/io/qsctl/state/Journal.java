package io.qsctl.state;

import io.qsctl.common.DurableFiles;
import io.qsctl.common.DurableFiles.Access;
import io.qsctl.common.QsctlException;
import io.qsctl.state.JournalContents.TornLine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The write-ahead journal beside the state: {@code journal.ndjson}, one {@link JournalEntry} per
 * line, only ever appended to. Every paid or signed action is appended as pending
 * <em>before</em> it is sent and as done or failed after, each line forced to disk before
 * {@link #append} returns; a later run resolves what is still pending by looking at the grid, so
 * nothing is reserved or paid twice.
 *
 * <p>A crash can cut the last line short. Such a line is ignored and reported
 * ({@link JournalContents#torn()}), never an error: the entry it would have been was never
 * acknowledged. {@link #open} cuts it off before appending, so new lines never follow a torn one.
 * A damaged line anywhere else is an error.
 *
 * <p>One writer at a time: the holder of the {@link StateLock}. Thread-safe within that writer.
 */
public final class Journal implements AutoCloseable {

    public static final String FILE = "journal.ndjson";

    private static final DateTimeFormatter ARCHIVE_STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Path dir;
    private final Path file;
    private final Clock clock;
    private final JournalContents recovered;
    private FileChannel out;
    /** Set when a failed append could not be cut off: the file ends with a partial line. */
    private IOException unrepaired;

    private Journal(Path dir, Clock clock, JournalContents recovered) {
        this.dir = dir;
        this.file = dir.resolve(FILE);
        this.clock = clock;
        this.recovered = recovered;
    }

    /** Reads the journal of {@code dir} without changing anything (empty if there is none). */
    public static JournalContents read(Path dir) {
        Path file = dir.resolve(FILE);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new JournalContents(List.of(), Optional.empty());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the journal " + file, e);
        }
        return parse(bytes, file);
    }

    /**
     * Opens the journal of {@code dir} (created 0700 if missing) for appending, after cutting off
     * a torn last line; {@link #recovered()} tells what was found.
     */
    public static Journal open(Path dir) {
        return open(dir, Clock.systemUTC());
    }

    static Journal open(Path dir, Clock clock) {
        try {
            DurableFiles.ensurePrivateDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the state directory " + dir, e);
        }
        JournalContents found = read(dir);
        Journal journal = new Journal(dir, clock, found);
        found.torn().ifPresent(journal::cutOff);
        return journal;
    }

    /** The journal as it was when opened, torn line included. */
    public JournalContents recovered() {
        return recovered;
    }

    public Path file() {
        return file;
    }

    /**
     * Appends {@code entry} and forces it to disk: when this returns, the entry survives a crash.
     *
     * <p>An append that fails part-way (a full disk) cuts its partial line off again, or the next
     * append would land behind it and the journal would read as damaged in the middle. If even the
     * cut fails, this journal takes no more appends; reopening it cuts the torn line.
     */
    public synchronized void append(JournalEntry entry) {
        Objects.requireNonNull(entry, "entry");
        if (unrepaired != null) {
            throw new UncheckedIOException("the journal " + file + " ends with a partial line an earlier append left ("
                    + unrepaired.getMessage() + "); it takes no more entries until it is opened again", unrepaired);
        }
        FileChannel channel;
        long before;
        try {
            channel = channel();
            before = channel.size();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the journal " + file + ": " + e.getMessage(), e);
        }
        try {
            DurableFiles.writeFully(channel, ByteBuffer.wrap(entry.toLine()));
            channel.force(false);
        } catch (IOException e) {
            try {
                channel.truncate(before);
                channel.force(false);
            } catch (IOException cut) {
                e.addSuppressed(cut);
                unrepaired = e;
            }
            throw new UncheckedIOException("cannot append to the journal " + file + ": " + e.getMessage(), e);
        }
    }

    /** The complete entries now in the file, in order. */
    public List<JournalEntry> entries() {
        return read(dir).entries();
    }

    /** The last entry of every action whose last status is pending: what a resumed run must resolve first. */
    public List<JournalEntry> unresolved() {
        return read(dir).unresolved();
    }

    /**
     * After a completed apply: moves the journal to {@code journal-<UTC timestamp>.ndjson} beside
     * it, so the next apply starts an empty one. Empty when there was nothing to archive.
     */
    public synchronized Optional<Path> archive() {
        closeChannel();
        try {
            if (!Files.exists(file) || Files.size(file) == 0) {
                return Optional.empty();
            }
            String stamp = ARCHIVE_STAMP.format(clock.instant());
            Path target = dir.resolve("journal-" + stamp + ".ndjson");
            for (int n = 2; Files.exists(target); n++) {
                target = dir.resolve("journal-" + stamp + "-" + n + ".ndjson");
            }
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
            DurableFiles.fsyncDirectory(dir);
            return Optional.of(target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot archive the journal " + file, e);
        }
    }

    /**
     * After a destroy is recorded in the state: removes this journal and every archived one. The
     * state says nothing of the cluster is left, so no entry can ever be needed to settle
     * anything; keeping them would leave a destroyed cluster's directory full of history. Refused
     * while an entry is unresolved. A crash part-way leaves some of them, each complete and
     * resolved, which harms nothing. Returns how many files were removed.
     */
    public synchronized int discardAll() {
        List<JournalEntry> open = unresolved();
        if (!open.isEmpty()) {
            throw new IllegalStateException(open.size() + " journal entries of " + dir + " are unresolved: " + open.get(0));
        }
        closeChannel();
        int removed = 0;
        try (DirectoryStream<Path> journals = Files.newDirectoryStream(dir, "journal*.ndjson")) {
            for (Path journal : journals) {
                String name = journal.getFileName().toString();
                if (name.equals(FILE) || name.startsWith("journal-")) {
                    Files.deleteIfExists(journal);
                    removed++;
                }
            }
            if (removed > 0) {
                DurableFiles.fsyncDirectory(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the journals in " + dir, e);
        }
        return removed;
    }

    @Override
    public synchronized void close() {
        closeChannel();
    }

    @Override
    public String toString() {
        return "Journal[" + file + "]";
    }

    private FileChannel channel() throws IOException {
        if (out == null) {
            boolean created = !Files.exists(file);
            out = DurableFiles.open(file, Access.OWNER_ONLY, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            if (created) {
                DurableFiles.fsyncDirectory(dir);
            }
        }
        return out;
    }

    private void closeChannel() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                // Every append was forced already; nothing is lost.
            }
            out = null;
        }
    }

    private void cutOff(TornLine torn) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(torn.offset());
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot cut the torn last line off the journal " + file, e);
        }
    }

    /**
     * Complete lines are entries. The bytes after the last newline, or a last line that does not
     * parse (a crash may leave zeros or a prefix of a line), are the torn line.
     */
    static JournalContents parse(byte[] bytes, Path file) {
        List<JournalEntry> entries = new ArrayList<>();
        int start = 0;
        int lineNumber = 0;
        while (start < bytes.length) {
            int end = indexOf(bytes, (byte) '\n', start);
            lineNumber++;
            if (end < 0) {
                return new JournalContents(entries, Optional.of(new TornLine(start, bytes.length - start)));
            }
            String line = new String(bytes, start, end - start, StandardCharsets.UTF_8);
            if (!line.isBlank()) {
                try {
                    entries.add(JournalEntry.fromLine(line));
                } catch (RuntimeException e) {
                    if (end == bytes.length - 1) {
                        return new JournalContents(entries, Optional.of(new TornLine(start, bytes.length - start)));
                    }
                    throw QsctlException.invalidInput("the journal " + file + " is damaged: line " + lineNumber
                            + " is not a journal entry (" + e.getMessage() + ")");
                }
            }
            start = end + 1;
        }
        return new JournalContents(entries, Optional.empty());
    }

    private static int indexOf(byte[] bytes, byte value, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
