package io.qsctl.reconciler.api;

import java.util.Locale;

/**
 * Where a backend is in its life, as the state records it. A name ({@code data-03}) has at most
 * one backend that is not {@link #RETIRING}; during a replacement it briefly has two.
 */
public enum BackendStatus {
    /** Reserved and its namespace answers: in service. */
    ACTIVE,
    /** Reserved, but the node has not reported the namespace yet (it timed out while we waited). */
    DEPLOYING,
    /**
     * In service, and a replacement for it is being reserved. Recorded before the replacement is
     * sent, so that an interrupted apply knows, on resume, that the replacement must go on.
     */
    REPLACING,
    /** Replaced: its successor is active; kept until its contract is cancelled. */
    RETIRING;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static BackendStatus fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }

    /** Whether this backend serves its name (everything but a retiring predecessor). */
    public boolean serving() {
        return this != RETIRING;
    }
}
