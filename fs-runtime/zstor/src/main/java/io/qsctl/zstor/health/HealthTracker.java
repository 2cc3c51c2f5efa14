package io.qsctl.zstor.health;

import io.qsctl.zdb.client.NamespaceInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's running view of its backends, fed by every operation (latency, errors, bad chunks)
 * and by NSINFO probes. Thread-safe.
 *
 * <ul>
 *   <li>Latency is an exponentially weighted moving average (weight {@value #EWMA_WEIGHT} for the
 *       newest sample), used to read from the fastest backends first.</li>
 *   <li>A failed operation sets the state its error implies ({@link HealthClassifier#fromError});
 *       a later successful write makes the backend healthy again, a successful read makes an
 *       unreachable one healthy.</li>
 *   <li>A backend that is not writable is skipped by writes for {@code recheckAfter}; after that
 *       it is tried again (it counts as {@link HealthState#UNKNOWN}), so a backend that came back
 *       is used without anyone probing it.</li>
 *   <li>A backend that returned {@code corruptThreshold} chunks failing their checksum is
 *       {@link HealthState#CORRUPT} until {@link #clearCorruption} (a single flipped chunk is
 *       repaired in place; a disk that keeps returning garbage is avoided).</li>
 * </ul>
 */
public final class HealthTracker {

    static final double EWMA_WEIGHT = 0.2;
    private static final Logger LOG = LoggerFactory.getLogger(HealthTracker.class);

    private final Clock clock;
    private final Duration recheckAfter;
    private final int corruptThreshold;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public HealthTracker(Clock clock, Duration recheckAfter, int corruptThreshold) {
        this.clock = clock;
        this.recheckAfter = recheckAfter;
        this.corruptThreshold = corruptThreshold;
    }

    /** An operation on {@code backend} succeeded after {@code nanos}. */
    public void success(String backend, long nanos, boolean wrote) {
        Entry entry = entry(backend);
        synchronized (entry) {
            double millis = nanos / 1e6;
            entry.latencyMillis = entry.latencyMillis < 0 ? millis
                    : EWMA_WEIGHT * millis + (1 - EWMA_WEIGHT) * entry.latencyMillis;
            HealthState state = entry.classified.state();
            if (wrote && state != HealthState.HEALTHY || !wrote && (state == HealthState.UNREACHABLE
                    || state == HealthState.UNKNOWN)) {
                set(backend, entry, Classification.healthy());
            }
        }
    }

    /** An operation failed; returns true if the error says something about the backend. */
    public boolean failure(String backend, Throwable error) {
        return HealthClassifier.fromError(error).map(classification -> {
            Entry entry = entry(backend);
            synchronized (entry) {
                entry.lastFailure = clock.instant();
                set(backend, entry, classification);
            }
            return true;
        }).orElse(false);
    }

    /** A chunk read from {@code backend} failed its checksum or was absent although recorded. */
    public void corruptChunk(String backend) {
        Entry entry = entry(backend);
        synchronized (entry) {
            entry.corruptChunks++;
        }
    }

    /** Forgets the bad chunks counted for a backend (after its disk was replaced or checked). */
    public void clearCorruption(String backend) {
        Entry entry = entry(backend);
        synchronized (entry) {
            entry.corruptChunks = 0;
        }
    }

    /** The result of an NSINFO probe. */
    public void probed(String backend, Classification classification, NamespaceInfo info, long nanos) {
        Entry entry = entry(backend);
        synchronized (entry) {
            entry.used = info.dataSizeBytes();
            entry.limit = info.dataLimitBytes();
            if (classification.state() != HealthState.HEALTHY) {
                entry.lastFailure = clock.instant();
            }
            set(backend, entry, classification);
        }
        success(backend, nanos, false);
    }

    public HealthState state(String backend) {
        return snapshot(backend).state();
    }

    /**
     * Whether a write to {@code backend} should be tried: it is writable, or its last failure is
     * older than {@code recheckAfter}.
     */
    public boolean tryWrite(String backend) {
        Entry entry = entry(backend);
        synchronized (entry) {
            HealthState state = effective(entry);
            if (state.writable()) {
                return true;
            }
            return entry.lastFailure == null || entry.lastFailure.plus(recheckAfter).isBefore(clock.instant());
        }
    }

    public BackendHealth snapshot(String backend) {
        Entry entry = entry(backend);
        synchronized (entry) {
            HealthState state = effective(entry);
            String reason = state == HealthState.CORRUPT && entry.classified.state() != HealthState.CORRUPT
                    ? entry.corruptChunks + " chunks failed their checksum" : entry.classified.reason();
            return new BackendHealth(backend, state, reason, entry.since,
                    entry.latencyMillis < 0 ? OptionalDouble.empty() : OptionalDouble.of(entry.latencyMillis),
                    entry.used, entry.limit, entry.corruptChunks);
        }
    }

    /** Latency EWMA in milliseconds, or {@code fallback} if none was measured. */
    public double latencyMillis(String backend, double fallback) {
        Entry entry = entry(backend);
        synchronized (entry) {
            return entry.latencyMillis < 0 ? fallback : entry.latencyMillis;
        }
    }

    private HealthState effective(Entry entry) {
        HealthState state = entry.classified.state();
        if (entry.corruptChunks >= corruptThreshold && state.rank() < HealthState.CORRUPT.rank()) {
            return HealthState.CORRUPT;
        }
        return state;
    }

    private void set(String backend, Entry entry, Classification classification) {
        if (entry.classified.state() != classification.state()) {
            entry.since = clock.instant();
            if (classification.state() == HealthState.HEALTHY) {
                if (entry.classified.state() == HealthState.UNKNOWN) {
                    LOG.debug("backend {} is healthy", backend);
                } else {
                    LOG.info("backend {} is healthy again (was {})", backend, entry.classified.state());
                }
            } else {
                LOG.warn("backend {} is {}: {}", backend, classification.state(), classification.reason());
            }
        }
        entry.classified = classification;
    }

    private Entry entry(String backend) {
        return entries.computeIfAbsent(backend, name -> new Entry(clock.instant()));
    }

    /** Mutable per-backend state, guarded by its own monitor. */
    private static final class Entry {
        Classification classified = new Classification(HealthState.UNKNOWN, "not seen yet");
        Instant since;
        Instant lastFailure;
        double latencyMillis = -1;
        long corruptChunks;
        OptionalLong used = OptionalLong.empty();
        OptionalLong limit = OptionalLong.empty();

        Entry(Instant since) {
            this.since = since;
        }
    }
}
