package io.qsctl.provider.local;

import io.qsctl.common.ProcessFileLock;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The grid home's locks (kernel file locks, see {@link ProcessFileLock}). The daemon holds
 * {@code daemon.lock} while it runs, so a second daemon on the same home refuses to start;
 * launchers hold {@code launch.lock} while they check and start, so two racing launchers end with
 * one daemon.
 */
final class HomeLock {

    static final String DAEMON = "daemon.lock";
    static final String LAUNCH = "launch.lock";

    private HomeLock() {
    }

    /** Takes the lock if it is free; empty if another process (or this one) holds it. */
    static Optional<ProcessFileLock> tryTake(Path home, String name) {
        return ProcessFileLock.tryTake(home.resolve(name));
    }

    /** Waits for the lock. Within one process callers must not overlap (see {@link LocalGridLauncher}). */
    static ProcessFileLock take(Path home, String name) {
        return ProcessFileLock.take(home.resolve(name));
    }

    /** The pid written by whoever holds the lock, if it wrote one. */
    static Optional<Long> holder(Path home, String name) {
        return ProcessFileLock.holder(home.resolve(name));
    }
}
