package io.qsctl.cli.status;

import io.qsctl.provider.BackendRole;
import io.qsctl.reconciler.api.BackendRecord;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One backend of the cluster as {@code status} judges it, with why in words.
 *
 * @param usedBytes what its namespace holds, when it answered
 * @param limitBytes its namespace's size limit, when it answered
 */
public record BackendCheck(BackendRecord record, State state, String reason, OptionalLong usedBytes,
                           OptionalLong limitBytes) {

    /** From best to worst; a backend is in the first state that applies, checked from {@link #LOST} up. */
    public enum State {
        /** Answers and takes writes. */
        HEALTHY,
        /** Answers, but has no room for another stripe. */
        FULL,
        /** Answers read-only: its contract is in grace, or its namespace is locked. */
        READ_ONLY,
        /** Reserved, not deployed yet. */
        DEPLOYING,
        /** Does not answer, but may come back (its node is up on the grid, or on standby). */
        UNREACHABLE,
        /** Gone for good: its contract, its node or its namespace. Only a replacement helps. */
        LOST,
        /** A replaced backend waiting for its contract to be cancelled; not counted. */
        RETIRING;

        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public BackendCheck {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(usedBytes, "usedBytes");
        Objects.requireNonNull(limitBytes, "limitBytes");
    }

    public String name() {
        return record.name();
    }

    public BackendRole role() {
        return record.role();
    }

    /** Whether new data can be written there now. */
    public boolean writable() {
        return state == State.HEALTHY;
    }

    /** Room under its limit, when known. */
    public OptionalLong freeBytes() {
        if (usedBytes.isEmpty() || limitBytes.isEmpty() || limitBytes.getAsLong() <= 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(0, limitBytes.getAsLong() - usedBytes.getAsLong()));
    }
}
