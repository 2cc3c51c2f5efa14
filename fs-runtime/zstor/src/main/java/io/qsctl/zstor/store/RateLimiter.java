package io.qsctl.zstor.store;

import java.util.concurrent.locks.LockSupport;

/**
 * Caps a background job's read rate (bytes per second) so that a scrub does not starve the
 * foreground. A caller asking for bytes waits until they fit in the rate; waiting is the point
 * of this class. Thread-safe.
 */
public final class RateLimiter {

    private final long bytesPerSecond;
    private long nextFreeNanos = System.nanoTime();

    /** @param bytesPerSecond the cap; 0 or less for none */
    public RateLimiter(long bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
    }

    public static RateLimiter unlimited() {
        return new RateLimiter(0);
    }

    public long bytesPerSecond() {
        return bytesPerSecond;
    }

    /** Waits until {@code bytes} more may be read. */
    public void acquire(long bytes) {
        if (bytesPerSecond <= 0 || bytes <= 0) {
            return;
        }
        long waitUntil;
        synchronized (this) {
            long now = System.nanoTime();
            long start = Math.max(now, nextFreeNanos);
            nextFreeNanos = start + (long) (bytes * 1e9 / bytesPerSecond);
            waitUntil = start;
        }
        long wait;
        while ((wait = waitUntil - System.nanoTime()) > 0) {
            if (Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("interrupted while rate limited");
            }
            LockSupport.parkNanos(wait);
        }
    }
}
