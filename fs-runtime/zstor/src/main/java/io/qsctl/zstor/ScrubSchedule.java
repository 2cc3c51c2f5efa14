package io.qsctl.zstor;

import io.qsctl.common.QsctlException;
import io.qsctl.zstor.store.ScrubReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scrubs a store on a schedule: every segment read and checksummed at a bounded rate, then a pause,
 * then again; damaged segments are repaired when asked. The daemon owns one per cluster. A pass that
 * fails (the metadata backends unreachable, say) is logged and kept as {@link #lastFailure()}, and
 * the next pass runs at its time: one bad hour must not end scrubbing for good.
 */
public final class ScrubSchedule implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScrubSchedule.class);

    /**
     * @param pause          between the end of one pass and the start of the next
     * @param bytesPerSecond the most a pass reads per second (0: no limit)
     * @param repair         whether a pass repairs the segments it finds damaged
     */
    public record Settings(Duration pause, long bytesPerSecond, boolean repair) {
        public Settings {
            Objects.requireNonNull(pause, "pause");
            if (pause.isNegative() || pause.isZero()) {
                throw new IllegalArgumentException("the pause between scrub passes must be positive");
            }
            if (bytesPerSecond < 0) {
                throw new IllegalArgumentException("bytesPerSecond must not be negative");
            }
        }
    }

    /** How a pass ended. */
    public record Pass(int number, Instant started, Instant ended, Optional<ScrubReport> report,
            Optional<String> failure) {
    }

    private final ZStore store;
    private final Settings settings;
    private final Consumer<Pass> listener;
    private final ScheduledExecutorService executor;
    private volatile Pass last;
    private int passes;

    private ScrubSchedule(ZStore store, Settings settings, Consumer<Pass> listener) {
        this.store = store;
        this.settings = settings;
        this.listener = listener;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "zstor-scrub");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts scrubbing now, then again {@code settings.pause()} after each pass ends. */
    public static ScrubSchedule start(ZStore store, Settings settings, Consumer<Pass> listener) {
        ScrubSchedule schedule = new ScrubSchedule(Objects.requireNonNull(store, "store"),
                Objects.requireNonNull(settings, "settings"), Objects.requireNonNull(listener, "listener"));
        schedule.executor.scheduleWithFixedDelay(schedule::runPass, 0, settings.pause().toMillis(),
                TimeUnit.MILLISECONDS);
        return schedule;
    }

    private void runPass() {
        int number = ++passes;
        Instant started = Instant.now();
        Pass pass;
        try {
            ScrubReport report = store.scrub(List.of(), settings.bytesPerSecond(), settings.repair());
            pass = new Pass(number, started, Instant.now(), Optional.of(report), Optional.empty());
            if (!report.damaged().isEmpty() || !report.unreadable().isEmpty()) {
                LOG.warn("scrub pass {}: {} segment(s) damaged, {} unreadable{}", number, report.damaged().size(),
                        report.unreadable().size(), settings.repair() ? ", repairs attempted: " + report.repairs().size()
                                : "");
            } else {
                LOG.info("scrub pass {}: {} segment(s), {} chunks, all intact", number, report.segments(),
                        report.chunksChecked());
            }
        } catch (RuntimeException e) {
            // kept and reported, not swallowed: the next pass still runs. The store's own failures
            // (backends away) say all in their message; anything else is a bug and is logged whole.
            if (e instanceof QsctlException) {
                LOG.error("scrub pass {} failed: {}", number, e.getMessage());
            } else {
                LOG.error("scrub pass {} failed with a bug; the next pass still runs", number, e);
            }
            pass = new Pass(number, started, Instant.now(), Optional.empty(),
                    Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
        last = pass;
        listener.accept(pass);
    }

    /** The last finished pass, if any. */
    public Optional<Pass> lastPass() {
        return Optional.ofNullable(last);
    }

    /** The failure of the last pass, if it failed. */
    public Optional<String> lastFailure() {
        return lastPass().flatMap(Pass::failure);
    }

    /** Stops scheduling; waits up to 30 s for a pass in progress to end. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("a scrub pass did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
