package io.qsctl.provider.local;

import java.time.Instant;
import java.util.Locale;

/**
 * Fault injection for the crash-consistency tests, and nothing else: when the system property
 * {@value #PROPERTY} names a point, the grid process halts there at once, as {@code kill -9}
 * would (no shutdown hook, nothing flushed or saved). Without the property, reaching a point does
 * nothing. The launcher passes the property on to the daemon it starts, so a test can set it on
 * the qsctl that starts the grid.
 */
enum CrashPoint {

    /** A contract is deleted in the ledger in memory, and that ledger is not saved yet. */
    DELETION_UNSAVED,
    /** The ledger that records a deletion is saved; the namespace's files are not removed yet. */
    DELETION_SAVED,
    /** A deployment's namespace exists on its node; the ledger that records its contract is not saved yet. */
    DEPLOYMENT_UNSAVED;

    static final String PROPERTY = "qsctl.grid.test.crash-at";
    /** The exit status of a halted grid: 128 + SIGKILL, as the shell reports a killed process. */
    static final int EXIT_STATUS = 137;

    /** {@code deletion-saved} for {@link #DELETION_SAVED}. */
    String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Halts the process if the property names this point. */
    void reach() {
        if (id().equals(System.getProperty(PROPERTY))) {
            System.err.println(Instant.now() + " grid: halting at test crash point " + id());
            System.err.flush();
            Runtime.getRuntime().halt(EXIT_STATUS);
        }
    }
}
