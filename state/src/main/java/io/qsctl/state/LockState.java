package io.qsctl.state;

import java.util.Optional;

/** What {@link StateLock#inspect} found. */
public sealed interface LockState {

    /** Nobody holds the lock and nobody left a record. */
    record Free() implements LockState {
    }

    /**
     * A live process holds the lock. Its record may be missing for the instant between taking
     * the lock and writing it.
     */
    record Held(Optional<LockInfo> holder) implements LockState {
    }

    /**
     * Nobody holds the lock, but a record says someone did: that process ended without releasing
     * it (killed, crashed, power lost). The operating system freed the lock itself; what the
     * process was doing may be unfinished (see the journal).
     */
    record Stale(LockInfo holder) implements LockState {
    }
}
