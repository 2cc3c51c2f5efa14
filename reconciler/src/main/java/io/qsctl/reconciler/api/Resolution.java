package io.qsctl.reconciler.api;

import java.util.List;

/**
 * What resuming found: for each journal entry an interrupted apply left pending, what the grid
 * showed and what was done about it. Empty when nothing was interrupted.
 */
public record Resolution(List<Entry> entries, int settled) {

    public Resolution {
        entries = List.copyOf(entries);
    }

    /** How one pending entry was settled. */
    public enum Outcome {
        /** The grid has it: recorded in the state (it had not been). */
        ADOPTED,
        /** The grid has it and the state already recorded it. */
        ALREADY_RECORDED,
        /** The grid shows it never happened: safe to do again. */
        NOT_DONE
    }

    public record Entry(String key, String backend, String kind, Outcome outcome) {
    }

    /** Whether there was anything to resolve (pending entries, or deploying backends that came up). */
    public boolean interrupted() {
        return !entries.isEmpty() || settled > 0;
    }
}
