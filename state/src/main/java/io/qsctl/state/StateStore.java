package io.qsctl.state;

import io.qsctl.common.DurableFiles;
import io.qsctl.common.DurableFiles.Access;
import io.qsctl.common.QsctlException;
import io.qsctl.state.StateFile.Decoded;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.node.ObjectNode;

/**
 * The encrypted state of one cluster, in its own directory ({@code <state-dir>/<cluster>/},
 * created 0700): {@code state.qss} holds the current version, {@code state.qss.backup} the one
 * before.
 *
 * <p><b>Writes</b> are optimistic: {@link #write} names the version it read, and is refused with
 * {@link io.qsctl.common.ExitCode#CONFLICT} when the file holds another one. Callers hold the
 * {@link StateLock} while they read, act and write; the check catches whoever did not (and saved
 * plans that went stale). Each write is crash-safe: the new version goes to a temporary file that
 * is forced to disk, the current version is hard-linked as the backup, and a rename puts the new
 * version in place, so {@code state.qss} is always a complete version, the old or the new.
 *
 * <p><b>Reads</b> never guess: a file that cannot be read is an error that says why, and carries
 * an intact backup when there is one ({@link StateDamagedException}); only the explicit
 * {@link #readBackup()} and {@link #restoreBackup()} use it.
 *
 * <p>Not thread-safe by itself; one process writes under the lock.
 */
public final class StateStore {

    public static final String FILE = "state.qss";
    public static final String BACKUP = "state.qss.backup";

    private static final long MAX_FILE_BYTES = 256L << 20;

    /** The steps of a write, in order, between which a crash test stops the process. */
    enum WritePoint { TEMP_WRITTEN, BACKUP_LINKED, BACKUP_RENAMED, RENAMED, SYNCED }

    /** Called at each {@link WritePoint} of one store's writes; the crash tests halt the JVM there. */
    interface CrashPoint {
        /** What every store but a crash test's uses. */
        CrashPoint NONE = point -> { };

        void reached(WritePoint point);
    }

    private final Path dir;
    private final byte[] key;
    private final String toolVersion;
    private final Clock clock;
    private final CrashPoint crashPoint;

    /**
     * A store in {@code dir} whose state is encrypted under the cluster's 32-byte state key
     * (copied; from {@code Identity.stateKey(cluster)}), writing {@code toolVersion} into each
     * version.
     */
    public StateStore(Path dir, byte[] stateKey, String toolVersion) {
        this(dir, stateKey, toolVersion, Clock.systemUTC());
    }

    StateStore(Path dir, byte[] stateKey, String toolVersion, Clock clock) {
        this(dir, stateKey, toolVersion, clock, CrashPoint.NONE);
    }

    /** A store whose writes call {@code crashPoint} between their steps (the crash tests' hook). */
    StateStore(Path dir, byte[] stateKey, String toolVersion, Clock clock, CrashPoint crashPoint) {
        if (stateKey.length != 32) {
            throw new IllegalArgumentException("the state key is 32 bytes (AES-256)");
        }
        this.dir = Objects.requireNonNull(dir, "dir");
        this.key = stateKey.clone();
        this.toolVersion = Objects.requireNonNull(toolVersion, "toolVersion");
        this.clock = clock;
        this.crashPoint = Objects.requireNonNull(crashPoint, "crashPoint");
    }

    public Path directory() {
        return dir;
    }

    /**
     * The current version, or empty when this cluster has no state yet. A file that cannot be
     * read is an error: {@link StateDamagedException} (exit code 1), never an empty state.
     */
    public Optional<StateSnapshot> read() {
        Decoded main = load(FILE);
        if (main == null) {
            Decoded backup = load(BACKUP);
            if (backup instanceof Decoded.Good good) {
                throw new StateDamagedException("the state file " + dir.resolve(FILE) + " is missing, but its backup "
                        + describe(good.snapshot()) + " is intact; restore the backup, or move it away to start over",
                        good.snapshot());
            }
            return Optional.empty();
        }
        if (main instanceof Decoded.Good good) {
            return Optional.of(good.snapshot());
        }
        if (main instanceof Decoded.TooNew tooNew) {
            throw tooNew(FILE, tooNew);
        }
        throw unreadable(main, load(BACKUP));
    }

    /** The version before the current one, read explicitly (for recovery); empty when there is none. */
    public Optional<StateSnapshot> readBackup() {
        Decoded backup = load(BACKUP);
        if (backup == null) {
            return Optional.empty();
        }
        if (backup instanceof Decoded.Good good) {
            return Optional.of(good.snapshot());
        }
        if (backup instanceof Decoded.TooNew tooNew) {
            throw tooNew(BACKUP, tooNew);
        }
        throw new StateDamagedException("the state backup " + dir.resolve(BACKUP) + " cannot be read: "
                + (backup instanceof Decoded.Damaged d ? d.why() : "it does not decrypt with this identity's state key"), null);
    }

    /** Starts the state of a new cluster: a fresh lineage, serial 1. Refused if a state exists. */
    public StateSnapshot create(ObjectNode body) {
        Optional<StateSnapshot> current = read();
        if (current.isPresent()) {
            throw QsctlException.conflict("a state already exists in " + dir + " (" + describe(current.get())
                    + "); it was created by another operation");
        }
        StateSnapshot first = new StateSnapshot(StateSnapshot.FORMAT_VERSION, 1, UUID.randomUUID(), toolVersion, now(), body);
        persist(first);
        return first;
    }

    /**
     * Writes {@code newBody} as the version after {@code expectedPrevious} (null: after none,
     * that is, {@link #create}). Refused with a CONFLICT (exit code 4) when the file holds a
     * different version than expected: someone else wrote in between, or a saved plan is stale.
     *
     * @return the new version: serial + 1, same lineage
     */
    public StateSnapshot write(StateSnapshot expectedPrevious, ObjectNode newBody) {
        if (expectedPrevious == null) {
            return create(newBody);
        }
        StateSnapshot current = read().orElseThrow(() -> QsctlException.conflict("the state in " + dir
                + " was removed after it was read (" + describe(expectedPrevious) + ")"));
        if (!current.lineage().equals(expectedPrevious.lineage())) {
            throw QsctlException.conflict("the state in " + dir + " is not the one that was read: its lineage is "
                    + current.lineage() + ", not " + expectedPrevious.lineage());
        }
        if (current.serial() != expectedPrevious.serial()) {
            throw QsctlException.conflict("the state in " + dir + " was changed by another operation after it was read"
                    + " (it is at serial " + current.serial() + ", expected " + expectedPrevious.serial() + ")");
        }
        StateSnapshot next = new StateSnapshot(StateSnapshot.FORMAT_VERSION, current.serial() + 1, current.lineage(),
                toolVersion, now(), newBody);
        persist(next);
        return next;
    }

    /**
     * Puts the backup back as the current version, byte for byte, for a state file that cannot be
     * read. Refused while the current file reads fine: that would silently drop its version.
     */
    public StateSnapshot restoreBackup() {
        try {
            Optional<StateSnapshot> current = read();
            if (current.isPresent()) {
                throw QsctlException.invalidInput("the state in " + dir + " reads fine (" + describe(current.get())
                        + "); there is nothing to restore");
            }
        } catch (StateDamagedException expected) {
            // The case this method exists for.
        }
        StateSnapshot backup = readBackup().orElseThrow(() -> QsctlException.invalidInput("there is no state backup in "
                + dir));
        try {
            DurableFiles.replace(dir.resolve(FILE), Files.readAllBytes(dir.resolve(BACKUP)), Access.OWNER_ONLY);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restore the state backup in " + dir, e);
        }
        return backup;
    }

    private void persist(StateSnapshot snapshot) {
        try {
            DurableFiles.ensurePrivateDirectory(dir);
            removeLeftovers();
            Path main = dir.resolve(FILE);
            Path temp = DurableFiles.writeTemp(dir, FILE, StateFile.encode(snapshot, key), Access.OWNER_ONLY);
            crashPoint.reached(WritePoint.TEMP_WRITTEN);
            try {
                if (Files.exists(main)) {
                    keepAsBackup(main);
                }
                Files.move(temp, main, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                crashPoint.reached(WritePoint.RENAMED);
            } finally {
                Files.deleteIfExists(temp);
            }
            DurableFiles.fsyncDirectory(dir);
            crashPoint.reached(WritePoint.SYNCED);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the state in " + dir, e);
        }
    }

    /**
     * Deletes temporary files a killed writer left behind. Writers hold the lock, so none of
     * them is in use; a writer that ignored the lock would see its rename fail, not a mix.
     */
    private void removeLeftovers() throws IOException {
        DurableFiles.removeLeftovers(dir, FILE);
        DurableFiles.removeLeftovers(dir, BACKUP);
    }

    /**
     * Makes the current file the backup without copying it: a second name for the same bytes,
     * which stays behind when the rename replaces {@code state.qss}. Where hard links are not
     * supported, a forced copy does the same.
     */
    private void keepAsBackup(Path main) throws IOException {
        Path link = dir.resolve("." + BACKUP + ".tmp-" + UUID.randomUUID());
        try {
            try {
                Files.createLink(link, main);
            } catch (UnsupportedOperationException | FileSystemException e) {
                Files.deleteIfExists(link);
                link = DurableFiles.writeTemp(dir, BACKUP, Files.readAllBytes(main), Access.OWNER_ONLY);
            }
            crashPoint.reached(WritePoint.BACKUP_LINKED);
            Files.move(link, dir.resolve(BACKUP), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            crashPoint.reached(WritePoint.BACKUP_RENAMED);
        } finally {
            Files.deleteIfExists(link);
        }
    }

    /** The decoded file, or null when it does not exist. */
    private Decoded load(String name) {
        Path file = dir.resolve(name);
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                return new Decoded.Damaged("it is larger than any state qsctl writes");
            }
            return StateFile.decode(Files.readAllBytes(file), key);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private StateDamagedException unreadable(Decoded main, Decoded backup) {
        Path file = dir.resolve(FILE);
        if (main instanceof Decoded.Undecryptable) {
            if (backup instanceof Decoded.Good good) {
                return new StateDamagedException("the state file " + file + " is damaged (it fails authentication while"
                        + " its backup decrypts with the same key); the backup " + describe(good.snapshot())
                        + " is intact: restore it to continue from that version", good.snapshot());
            }
            return new StateDamagedException("cannot decrypt the state: wrong identity for this cluster? (" + file
                    + " does not decrypt with this identity's state key"
                    + (backup == null ? "; if the identity is right, the file is damaged and there is no backup)"
                            : ", nor does its backup)"), null);
        }
        String why = ((Decoded.Damaged) main).why();
        if (backup instanceof Decoded.Good good) {
            return new StateDamagedException("the state file " + file + " is damaged (" + why + "); the backup "
                    + describe(good.snapshot()) + " is intact: restore it to continue from that version", good.snapshot());
        }
        return new StateDamagedException("the state file " + file + " is damaged (" + why + ") and there is no usable"
                + " backup", null);
    }

    private QsctlException tooNew(String name, Decoded.TooNew tooNew) {
        return QsctlException.invalidInput(dir.resolve(name) + " was written by qsctl " + tooNew.toolVersion()
                + " in state format " + tooNew.formatVersion() + ", which this qsctl (" + toolVersion
                + ") cannot read; use a newer qsctl");
    }

    private static String describe(StateSnapshot snapshot) {
        return "serial " + snapshot.serial() + ", written " + snapshot.updated() + " by qsctl " + snapshot.toolVersion();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    @Override
    public String toString() {
        return "StateStore[" + dir + "]";
    }
}
