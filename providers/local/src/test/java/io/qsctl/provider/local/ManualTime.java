package io.qsctl.provider.local;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A real-time source that moves only when told to. */
final class ManualTime implements InstantSource {

    private Instant now;

    ManualTime(Instant start) {
        this.now = start;
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    synchronized void pass(Duration d) {
        now = now.plus(d);
    }
}
