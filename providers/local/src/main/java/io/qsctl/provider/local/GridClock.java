package io.qsctl.provider.local;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;

/**
 * The embedded grid's time. Contracts are billed and grace periods end by it, so tests and demos
 * can live through a month in seconds: it runs {@code timeScale} grid seconds per real second, and
 * {@link #advance(Duration)} jumps ahead. It never goes backwards.
 *
 * <p>Thread-safety: synchronized; the daemon reads it from the HTTP threads and the billing task.
 */
public final class GridClock {

    private final InstantSource real;
    private final long timeScale;
    private Instant anchorReal;
    private Instant anchorGrid;

    private GridClock(InstantSource real, long timeScale, Instant anchorReal, Instant anchorGrid) {
        if (timeScale < 1) {
            throw new IllegalArgumentException("the time scale is at least 1 (grid seconds per real second)");
        }
        this.real = Objects.requireNonNull(real, "real");
        this.timeScale = timeScale;
        this.anchorReal = anchorReal;
        this.anchorGrid = anchorGrid;
    }

    /** A new grid whose time starts now. */
    public static GridClock starting(InstantSource real, long timeScale) {
        Instant now = real.instant();
        return new GridClock(real, timeScale, now, now);
    }

    /**
     * A grid that was stopped at {@code saved} and starts again: while it was down, time went on at
     * the real pace (as it does for the real grid while nobody looks), whatever its scale was.
     */
    public static GridClock resuming(Reading saved, InstantSource real, long timeScale) {
        Instant now = real.instant();
        Duration down = Duration.between(saved.real(), now);
        Instant grid = down.isNegative() ? saved.grid() : saved.grid().plus(down);
        return new GridClock(real, timeScale, now, grid);
    }

    public synchronized Instant now() {
        Duration elapsed = Duration.between(anchorReal, real.instant());
        if (elapsed.isNegative()) {
            return anchorGrid;
        }
        return anchorGrid.plus(elapsed.multipliedBy(timeScale));
    }

    /** Jumps ahead; returns the new time. */
    public synchronized Instant advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("the grid clock only goes forward");
        }
        Instant now = now();
        anchorReal = real.instant();
        anchorGrid = now.plus(by);
        return anchorGrid;
    }

    public long timeScale() {
        return timeScale;
    }

    /** The grid time and the real time it was read at, to persist and resume from. */
    public synchronized Reading read() {
        return new Reading(real.instant(), now());
    }

    /** A grid time and the real time it was read at. */
    public record Reading(Instant real, Instant grid) {
        public Reading {
            Objects.requireNonNull(real, "real");
            Objects.requireNonNull(grid, "grid");
        }
    }
}
