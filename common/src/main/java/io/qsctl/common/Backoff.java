package io.qsctl.common;

import java.time.Duration;
import java.util.Objects;

/**
 * Pauses that double, from a first one up to a longest one: between looks at something that is
 * not ready yet (a lock, a namespace being deployed) or attempts to reach something that did not
 * answer (a 0-db server). Each wait loop keeps its own deadline, and its own answer to an
 * interrupt; this is only the pause. Not thread-safe: one per loop.
 */
public final class Backoff {

    private final Duration longest;
    private Duration next;

    public Backoff(Duration first, Duration longest) {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(longest, "longest");
        if (first.isNegative() || longest.isNegative()) {
            throw new IllegalArgumentException("a pause cannot be negative");
        }
        this.longest = longest;
        this.next = min(first, longest);
    }

    /** The {@code n}-th pause (0-based) of a sequence: {@code first} × 2ⁿ, at most {@code longest}. */
    public static Duration nth(Duration first, Duration longest, int n) {
        Duration pause = min(first, longest);
        for (int i = 0; i < n && pause.compareTo(longest) < 0; i++) {
            pause = min(pause.multipliedBy(2), longest);
        }
        return pause;
    }

    /** The pause the next {@link #pause} takes. */
    public Duration next() {
        return next;
    }

    /** Sleeps the next pause, then doubles it for the time after. */
    public void pause() throws InterruptedException {
        sleep(next.toMillis());
        grow();
    }

    /**
     * Sleeps the next pause but not past {@code deadlineNanos} (a {@link System#nanoTime()}
     * reading), and at least a millisecond so a loop never spins; then doubles the pause.
     */
    public void pause(long deadlineNanos) throws InterruptedException {
        long remainingMillis = (deadlineNanos - System.nanoTime()) / 1_000_000;
        sleep(Math.max(1, Math.min(next.toMillis(), remainingMillis)));
        grow();
    }

    private void grow() {
        next = min(next.multipliedBy(2), longest);
    }

    private static void sleep(long millis) throws InterruptedException {
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) > 0 ? b : a;
    }
}
