package io.qsctl.provider.local;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a grid home's daemon runs, and if so what it serves.
 *
 * @param running   whether its daemon runs and answers
 * @param daemon    the daemon's {@code grid.json}, when its process is alive (answering or not)
 * @param grid      what its health route says, when it answered
 * @param suspended whether the daemon's process is stopped by a signal (SIGSTOP, Ctrl-Z)
 */
public record GridStatus(Path home, boolean running, Optional<GridFile> daemon, Optional<Health> grid,
                         boolean suspended) {

    public GridStatus {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(daemon, "daemon");
        Objects.requireNonNull(grid, "grid");
    }

    static GridStatus stopped(Path home) {
        return new GridStatus(home, false, Optional.empty(), Optional.empty(), false);
    }

    /** A daemon's process holds the home but did not answer: frozen, stopped or overwhelmed. */
    public boolean silent() {
        return daemon.isPresent() && !running;
    }

    /** The grid's own summary: its clock and its size. */
    public record Health(Instant time, long timeScale, int farms, int nodes, int nodesUp, int twins, int contracts) {
    }
}
