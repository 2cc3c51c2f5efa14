package io.qsctl.state;

import io.qsctl.common.Backoff;
import io.qsctl.common.DurableFiles;
import io.qsctl.common.DurableFiles.Access;
import io.qsctl.common.ExitCode;
import io.qsctl.common.QsctlException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The exclusive lock of one state directory, held by one operation at a time across processes.
 *
 * <p>The lock is an operating-system lock ({@link FileChannel#tryLock()}) on {@code state.lock},
 * so it disappears with its process however that process ends; {@code state.lock.info} beside it
 * records who holds it ({@link LockInfo}). A record without a lock is <em>stale</em>: its
 * process ended without releasing (killed, crashed), and {@link #staleHolder()} tells the next
 * holder so it can look for unfinished work. The lock file itself is never deleted: deleting a
 * locked file would let a second process lock a new file of the same name.
 *
 * <p>Within one JVM the locks are tracked in a table, never by opening a second channel: closing
 * any channel of a file drops every lock the JVM holds on it. Locks are released by
 * {@link #close()} and, failing that, when the JVM exits.
 */
public final class StateLock implements AutoCloseable {

    public static final String LOCK_FILE = "state.lock";
    public static final String INFO_FILE = "state.lock.info";

    private static final Duration FIRST_POLL = Duration.ofMillis(50);
    private static final Duration MAX_POLL = Duration.ofMillis(500);
    private static final Map<Path, StateLock> HELD = new ConcurrentHashMap<>();
    private static final Object TABLE = new Object();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(StateLock::releaseAll, "qsctl-state-lock-release"));
    }

    private final Path lockFile;
    private final FileChannel channel;
    private final FileLock lock;
    private final LockInfo info;
    private final LockInfo staleHolder;
    private boolean released;

    private StateLock(Path lockFile, FileChannel channel, FileLock lock, LockInfo info, LockInfo staleHolder) {
        this.lockFile = lockFile;
        this.channel = channel;
        this.lock = lock;
        this.info = info;
        this.staleHolder = staleHolder;
    }

    /**
     * Takes the lock of {@code dir} (created 0700 if missing) for {@code operation}, waiting up to
     * {@code timeout} for its holder to finish ({@link Duration#ZERO}: try once). Polls with a
     * growing pause, never spins.
     *
     * @throws QsctlException CONFLICT (exit code 4) naming the holder when the time is up;
     *     INTERRUPTED (130) when the thread is interrupted while waiting
     */
    public static StateLock acquire(Path dir, String operation, String toolVersion, Duration timeout) {
        return acquire(dir, operation, toolVersion, timeout, LockWaiting.SILENT);
    }

    /**
     * As {@link #acquire(Path, String, String, Duration)}, telling {@code waiting} once when the
     * lock is found held and the wait begins (never with a zero timeout, which does not wait), so a
     * command can say what it is waiting for instead of seeming to hang.
     */
    public static StateLock acquire(Path dir, String operation, String toolVersion, Duration timeout,
                                    LockWaiting waiting) {
        return acquire(dir, operation, toolVersion, timeout, waiting, Clock.systemUTC());
    }

    static StateLock acquire(Path dir, String operation, String toolVersion, Duration timeout, Clock clock) {
        return acquire(dir, operation, toolVersion, timeout, LockWaiting.SILENT, clock);
    }

    static StateLock acquire(Path dir, String operation, String toolVersion, Duration timeout, LockWaiting waiting,
                             Clock clock) {
        Objects.requireNonNull(waiting, "waiting");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(toolVersion, "toolVersion");
        Path lockFile = lockFileOf(dir, true);
        long deadline = System.nanoTime() + timeout.toNanos();
        Backoff backoff = new Backoff(FIRST_POLL, MAX_POLL);
        boolean told = false;
        while (true) {
            Attempt attempt = tryOnce(lockFile, operation, toolVersion, clock);
            if (attempt.lock() != null) {
                return attempt.lock();
            }
            if (System.nanoTime() - deadline >= 0) {
                throw QsctlException.conflict(heldMessage(attempt.holder()));
            }
            if (!told) {
                waiting.waiting(attempt.holder(), timeout);
                told = true;
            }
            try {
                backoff.pause(deadline);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new QsctlException(ExitCode.INTERRUPTED, "interrupted while waiting for the state lock in " + dir);
            }
        }
    }

    /**
     * Whether the lock of {@code dir} is free, held, or left stale by a process that ended. To
     * tell a stale record from a held lock this tries the lock for an instant, so a concurrent
     * {@code acquire} with no timeout may, rarely, see it as held.
     */
    public static LockState inspect(Path dir) {
        if (!Files.isDirectory(dir)) {
            return new LockState.Free();
        }
        Path lockFile = lockFileOf(dir, false);
        synchronized (TABLE) {
            StateLock mine = HELD.get(lockFile);
            if (mine != null) {
                return new LockState.Held(Optional.of(mine.info));
            }
            Optional<LockInfo> record = readInfo(lockFile);
            if (!Files.exists(lockFile)) {
                return record.<LockState>map(LockState.Stale::new).orElseGet(LockState.Free::new);
            }
            try (FileChannel probe = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
                FileLock taken = probe.tryLock();
                if (taken == null) {
                    return new LockState.Held(readInfo(lockFile));
                }
                taken.release();
                return record.<LockState>map(LockState.Stale::new).orElseGet(LockState.Free::new);
            } catch (NoSuchFileException e) {
                return record.<LockState>map(LockState.Stale::new).orElseGet(LockState.Free::new);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot inspect the state lock " + lockFile, e);
            }
        }
    }

    /**
     * Clears the lock record {@code id} once its process is gone. {@code id} is a nonce: it must
     * be the id in the record, so an unlock can never hit a lock taken since. A lock still held by
     * a live process is refused (CONFLICT): the operating system keeps it until that process ends,
     * and taking it from under a running operation would let two writers at the state.
     *
     * @return false when the state is not locked at all (there is nothing to unlock, whatever the
     *     id: what the caller wants, an unlocked state, is already so)
     */
    public static boolean forceUnlock(Path dir, String id) {
        Objects.requireNonNull(id, "id");
        LockState state = inspect(dir);
        if (state instanceof LockState.Free) {
            return false;
        }
        if (state instanceof LockState.Held held) {
            throw QsctlException.conflict(held.holder().filter(h -> h.id().equals(id))
                    .map(h -> "the lock " + id + " is still held by a running process: " + h.describe()
                            + "; stop that process (it releases the lock when it ends) rather than unlocking under it")
                    .orElseGet(() -> "the lock id " + id + " does not match the lock on the state in " + dir + ", which is "
                            + held.holder().map(LockInfo::describe).orElse("held by a process that has not said who it is")));
        }
        LockInfo stale = ((LockState.Stale) state).holder();
        if (!stale.id().equals(id)) {
            throw QsctlException.conflict("the lock id " + id + " does not match the stale lock on the state in " + dir
                    + ", which is " + stale.describe());
        }
        Path infoFile = dir.resolve(INFO_FILE);
        synchronized (TABLE) {
            Optional<LockInfo> now = readInfo(dir.resolve(LOCK_FILE));
            if (now.isPresent() && now.get().id().equals(id)) {
                try {
                    Files.deleteIfExists(infoFile);
                    DurableFiles.fsyncDirectory(dir);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot remove the lock record " + infoFile, e);
                }
            }
        }
        return true;
    }

    /** Who holds this lock: this process. */
    public LockInfo info() {
        return info;
    }

    /**
     * The record of a previous holder that ended without releasing the lock, found when this one
     * was taken: that operation may have stopped part-way.
     */
    public Optional<LockInfo> staleHolder() {
        return Optional.ofNullable(staleHolder);
    }

    /** Releases the lock and removes its record. Idempotent. */
    @Override
    public void close() {
        synchronized (TABLE) {
            if (released) {
                return;
            }
            released = true;
            HELD.remove(lockFile, this);
            try {
                Optional<LockInfo> record = readInfo(lockFile);
                if (record.isPresent() && record.get().id().equals(info.id())) {
                    Files.deleteIfExists(lockFile.resolveSibling(INFO_FILE));
                }
            } catch (IOException e) {
                // A record left behind reads as stale to the next holder; the lock itself is released below.
            } finally {
                try {
                    lock.release();
                    channel.close();
                } catch (IOException e) {
                    // Closing the channel releases the lock in any case.
                }
            }
        }
    }

    @Override
    public String toString() {
        return "StateLock[" + lockFile + ", " + info.describe() + (released ? ", released" : "") + "]";
    }

    /** One try: the lock, or the holder's record (if it has written one yet). */
    private record Attempt(StateLock lock, Optional<LockInfo> holder) {
    }

    private static Attempt tryOnce(Path lockFile, String operation, String toolVersion, Clock clock) {
        synchronized (TABLE) {
            StateLock mine = HELD.get(lockFile);
            if (mine != null) {
                return new Attempt(null, Optional.of(mine.info));
            }
            FileChannel channel = null;
            try {
                channel = DurableFiles.open(lockFile, Access.OWNER_ONLY, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock taken;
                try {
                    taken = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    // Held in this JVM through a channel we do not know of; treat it as held.
                    taken = null;
                }
                if (taken == null) {
                    channel.close();
                    return new Attempt(null, readInfo(lockFile));
                }
                LockInfo stale = readInfo(lockFile).orElse(null);
                LockInfo info = new LockInfo(UUID.randomUUID().toString(), operation, HostIdentity.who(),
                        ProcessHandle.current().pid(), HostIdentity.host(), clock.instant().truncatedTo(ChronoUnit.MILLIS),
                        toolVersion);
                StateLock held = new StateLock(lockFile, channel, taken, info, stale);
                try {
                    DurableFiles.replace(lockFile.resolveSibling(INFO_FILE), info.toJson(), Access.OWNER_ONLY);
                } catch (IOException | RuntimeException e) {
                    taken.release();
                    throw e;
                }
                HELD.put(lockFile, held);
                return new Attempt(held, Optional.of(info));
            } catch (IOException e) {
                closeQuietly(channel);
                throw new UncheckedIOException("cannot take the state lock " + lockFile, e);
            } catch (RuntimeException e) {
                closeQuietly(channel);
                throw e;
            }
        }
    }

    private static String heldMessage(Optional<LockInfo> holder) {
        return holder.map(h -> "state is locked by " + h.describe() + "; wait, or run `qsctl force-unlock " + h.id()
                + "` if that process is gone")
                .orElse("state is locked by another qsctl process that has not recorded who it is yet; wait and try again");
    }

    private static Optional<LockInfo> readInfo(Path lockFile) {
        try {
            return Optional.ofNullable(LockInfo.fromJson(Files.readAllBytes(lockFile.resolveSibling(INFO_FILE))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the lock record beside " + lockFile, e);
        }
    }

    private static Path lockFileOf(Path dir, boolean create) {
        try {
            if (create) {
                DurableFiles.ensurePrivateDirectory(dir);
            }
            return dir.toRealPath().resolve(LOCK_FILE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the state directory " + dir, e);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // Already failing; the first error is the one to report.
            }
        }
    }

    private static void releaseAll() {
        for (StateLock held : new ArrayList<>(HELD.values())) {
            held.close();
        }
    }

    /** For tests and shutdown: the locks this JVM holds. */
    static int heldInThisJvm() {
        return HELD.size();
    }
}
