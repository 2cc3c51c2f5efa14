package io.qsctl.provider.local;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a grid home's daemon runs, and if so what it serves.
 *
 * @param daemon the daemon's {@code grid.json}, when it runs
 * @param grid   what its health route says, when it answered
 */
public record GridStatus(Path home, boolean running, Optional<GridFile> daemon, Optional<Health> grid) {

    public GridStatus {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(daemon, "daemon");
        Objects.requireNonNull(grid, "grid");
    }

    static GridStatus stopped(Path home) {
        return new GridStatus(home, false, Optional.empty(), Optional.empty());
    }

    /** The grid's own summary: its clock and its size. */
    public record Health(Instant time, long timeScale, int farms, int nodes, int nodesUp, int twins, int contracts) {
    }
}
