package io.qsctl.zdb.engine;

import io.qsctl.zdb.format.Mode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How an engine runs, as 0-db's daemon options set it.
 *
 * @param indexRoot        {@code --index}: one directory per namespace with its index files
 * @param dataRoot         {@code --data}: one directory per namespace with its data files
 * @param mode             {@code --mode}; empty is 0-db's mixed mode (new namespaces in user mode, NSSET mode allowed)
 * @param dataFileSize     {@code --datasize}: a data file is sealed when the next value would pass this size
 * @param defaultMaxSize   {@code --maxsize}: size limit of the default namespace, 0 for none
 * @param sync             {@code --sync} / {@code --synctime}
 * @param rotateAfter      {@code --rotate}: seal the current files of a namespace that changed after this long; zero for never
 * @param autoFlush        hand every write to the kernel before returning (library use); the server turns it off
 *                         and calls {@link ZdbEngine#flush()} once per batch of requests instead
 * @param instanceId       the id hooks receive as their second argument ({@code tcp://addr:port} or {@code unix://path})
 * @param clock            time source, for timestamps and timers
 */
public record EngineSettings(Path indexRoot, Path dataRoot, Optional<Mode> mode, long dataFileSize, long defaultMaxSize,
                             SyncPolicy sync, Duration rotateAfter, boolean autoFlush, String instanceId, Clock clock) {

    public static final long DEFAULT_DATA_FILE_SIZE = 256L * 1024 * 1024;
    /** Data offsets are 32-bit. */
    public static final long MAX_DATA_FILE_SIZE = 0xFFFF_FFFFL;

    public EngineSettings {
        Objects.requireNonNull(indexRoot, "indexRoot");
        Objects.requireNonNull(dataRoot, "dataRoot");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(sync, "sync");
        Objects.requireNonNull(rotateAfter, "rotateAfter");
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(clock, "clock");
        if (dataFileSize <= 0 || dataFileSize >= MAX_DATA_FILE_SIZE) {
            throw new IllegalArgumentException("data file size must be between 1 byte and 4 GiB: " + dataFileSize);
        }
        if (defaultMaxSize < 0) {
            throw new IllegalArgumentException("max size cannot be negative");
        }
    }

    /** Defaults as 0-db's: mixed mode, 256 MiB data files, no sync, no timer; writes flushed per call. */
    public static EngineSettings of(Path indexRoot, Path dataRoot) {
        return new EngineSettings(indexRoot, dataRoot, Optional.empty(), DEFAULT_DATA_FILE_SIZE, 0, SyncPolicy.NONE,
                Duration.ZERO, true, "unknown-id", Clock.systemUTC());
    }

    public EngineSettings withMode(Optional<Mode> newMode) {
        return new EngineSettings(indexRoot, dataRoot, newMode, dataFileSize, defaultMaxSize, sync, rotateAfter, autoFlush,
                instanceId, clock);
    }

    public EngineSettings withDataFileSize(long size) {
        return new EngineSettings(indexRoot, dataRoot, mode, size, defaultMaxSize, sync, rotateAfter, autoFlush,
                instanceId, clock);
    }

    public EngineSettings withDefaultMaxSize(long size) {
        return new EngineSettings(indexRoot, dataRoot, mode, dataFileSize, size, sync, rotateAfter, autoFlush,
                instanceId, clock);
    }

    public EngineSettings withSync(SyncPolicy policy) {
        return new EngineSettings(indexRoot, dataRoot, mode, dataFileSize, defaultMaxSize, policy, rotateAfter, autoFlush,
                instanceId, clock);
    }

    public EngineSettings withRotateAfter(Duration after) {
        return new EngineSettings(indexRoot, dataRoot, mode, dataFileSize, defaultMaxSize, sync, after, autoFlush,
                instanceId, clock);
    }

    public EngineSettings withAutoFlush(boolean flushEachCall) {
        return new EngineSettings(indexRoot, dataRoot, mode, dataFileSize, defaultMaxSize, sync, rotateAfter, flushEachCall,
                instanceId, clock);
    }

    public EngineSettings withInstanceId(String id) {
        return new EngineSettings(indexRoot, dataRoot, mode, dataFileSize, defaultMaxSize, sync, rotateAfter, autoFlush,
                id, clock);
    }

    public EngineSettings withClock(Clock newClock) {
        return new EngineSettings(indexRoot, dataRoot, mode, dataFileSize, defaultMaxSize, sync, rotateAfter, autoFlush,
                instanceId, newClock);
    }
}
