package io.qsctl.cli.status;

import io.qsctl.common.ExitCode;
import java.util.Locale;

/** How urgent a cluster's state is, and the exit code {@code qsctl status} gives for it. */
public enum Health {
    /** Nothing to do. */
    HEALTHY(ExitCode.OK),
    /** Something needs doing, but the data is safe and writes go on. */
    ATTENTION(ExitCode.NEEDS_ATTENTION),
    /** Data is at risk or writes stop. */
    CRITICAL(ExitCode.CRITICAL);

    private final ExitCode exitCode;

    Health(ExitCode exitCode) {
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Health worst(Health other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
