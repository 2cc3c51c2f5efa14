package io.qsctl.common;

import java.util.Objects;

/**
 * The one unchecked root of every error qsctl raises on purpose. It carries the exit code the
 * process ends with and a message written for the user: what is wrong and, where we know it, what
 * to do. The CLI prints {@link #getMessage()} without a stack trace unless asked for one.
 */
public class QsctlException extends RuntimeException {

    private final ExitCode exitCode;

    public QsctlException(ExitCode exitCode, String message) {
        super(Objects.requireNonNull(message, "message"));
        this.exitCode = Objects.requireNonNull(exitCode, "exitCode");
    }

    public QsctlException(ExitCode exitCode, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.exitCode = Objects.requireNonNull(exitCode, "exitCode");
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    /** A problem the user can fix in what they gave us (a spec, a file, a value). */
    public static QsctlException invalidInput(String message) {
        return new QsctlException(ExitCode.ERROR, message);
    }

    /** The command line is wrong. */
    public static QsctlException usage(String message) {
        return new QsctlException(ExitCode.USAGE, message);
    }

    /** Someone else holds the lock, or a saved plan is stale. */
    public static QsctlException conflict(String message) {
        return new QsctlException(ExitCode.CONFLICT, message);
    }
}
