package io.qsctl.zdb.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * When written bytes are forced to disk. By default never (0-db's default): acknowledged writes
 * survive a killed process, because they are in the kernel before the reply, but not a power
 * cut. {@code always} is 0-db's {@code --sync}; {@code interval} is {@code --synctime}: at the
 * first write batch after that much time since the last forced sync.
 */
public record SyncPolicy(boolean always, Duration interval) {

    public static final SyncPolicy NONE = new SyncPolicy(false, Duration.ZERO);

    public SyncPolicy {
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative()) {
            throw new IllegalArgumentException("sync interval cannot be negative");
        }
    }

    public static SyncPolicy everyWrite() {
        return new SyncPolicy(true, Duration.ZERO);
    }

    public static SyncPolicy every(Duration interval) {
        return new SyncPolicy(false, interval);
    }
}
