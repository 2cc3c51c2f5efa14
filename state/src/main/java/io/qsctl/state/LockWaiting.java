package io.qsctl.state;

import java.time.Duration;
import java.util.Optional;

/** Told when a state lock is found held and the caller starts waiting for it (a timeout above zero). */
@FunctionalInterface
public interface LockWaiting {

    LockWaiting SILENT = (holder, timeout) -> { };

    /**
     * @param holder who holds the lock, if it has recorded itself yet
     * @param timeout how long the caller waits at most
     */
    void waiting(Optional<LockInfo> holder, Duration timeout);
}
