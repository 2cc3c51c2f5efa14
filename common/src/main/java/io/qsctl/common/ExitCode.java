package io.qsctl.common;

/**
 * The process exit codes of qsctl, as decided in docs/reconciler.md. They are part of the public
 * contract: scripts and CI pipelines branch on them, so a value never changes meaning.
 */
public enum ExitCode {
    /** The command did what was asked. */
    OK(0),
    /** Something went wrong: invalid spec, failed remote call, internal error. */
    ERROR(1),
    /** {@code plan --detailed-exitcode} found changes to make. */
    CHANGES_PRESENT(2),
    /** An apply stopped part-way; state is saved and {@code apply --resume} continues it. */
    PARTIAL(3),
    /** The state lock is held by someone else, or a saved plan no longer matches the state. */
    CONFLICT(4),
    /**
     * {@code status} only: the cluster needs attention but its data is safe (a backend lost or
     * unreachable within what redundancy covers, drift, a contract in grace, a short runway).
     */
    NEEDS_ATTENTION(5),
    /**
     * {@code status} only: data is at risk or writes stop (more backends unusable than writes can
     * do without, metadata writes short of their quorum, no room left, a wallet at 0 with contracts
     * to pay).
     */
    CRITICAL(6),
    /** The command line itself is wrong (sysexits EX_USAGE; picocli's default 2 is remapped). */
    USAGE(64),
    /** Interrupted by the user (128 + SIGINT). */
    INTERRUPTED(130),
    /**
     * The reader of a pipe qsctl was writing to went away ({@code object get --to - | head}): 128 +
     * SIGPIPE, what tools a SIGPIPE ends return, so {@code set -o pipefail} treats qsctl as it
     * treats {@code cat}. Nothing is printed.
     */
    PIPE_CLOSED(141),
    /** Stopped by SIGTERM (128 + 15), as {@code kill}, systemd and container runtimes send it. */
    TERMINATED(143);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
