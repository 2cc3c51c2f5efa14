package io.qsctl.cli.grid;

import io.qsctl.common.Durations;
import io.qsctl.provider.local.GridAdmin.ClockProgress;
import java.io.PrintWriter;
import java.util.function.Consumer;

/**
 * Progress of a long {@code grid clock advance} on stderr: on a terminal one line rewritten after
 * every step, elsewhere (CI logs) a line each time another tenth is done. An advance of one step
 * prints nothing, and neither does {@code -q}.
 */
public final class AdvanceProgress implements Consumer<ClockProgress> {

    private final PrintWriter err;
    private final boolean terminal;
    private final boolean quiet;
    private int tenthsShown;
    private boolean lineOpen;
    private volatile ClockProgress last;

    public AdvanceProgress(PrintWriter err, boolean terminal, boolean quiet) {
        this.err = err;
        this.terminal = terminal;
        this.quiet = quiet;
    }

    @Override
    public void accept(ClockProgress p) {
        last = p;
        if (quiet || (p.finished() && tenthsShown == 0 && !lineOpen)) {
            return;
        }
        String line = "Advancing the grid clock: " + Durations.parts(p.done()) + " of "
                + Durations.parts(p.total()) + " (" + percent(p) + "%), grid time " + p.gridTime();
        if (terminal) {
            err.print("\r\033[K" + line);
            lineOpen = !p.finished();
            if (p.finished()) {
                err.println();
            }
        } else {
            int tenths = (int) (p.done().toSeconds() * 10 / Math.max(1, p.total().toSeconds()));
            if (tenths <= tenthsShown || p.finished()) {
                return;
            }
            tenthsShown = tenths;
            err.println(line);
        }
        err.flush();
    }

    /** Where the advance stood when it was last heard of (for the interrupted message). */
    public ClockProgress last() {
        return last;
    }

    /** Ends a rewritten line, so that what follows starts on a line of its own. */
    public void close() {
        if (lineOpen) {
            err.println();
            err.flush();
            lineOpen = false;
        }
    }

    private static long percent(ClockProgress p) {
        return p.done().toSeconds() * 100 / Math.max(1, p.total().toSeconds());
    }
}
