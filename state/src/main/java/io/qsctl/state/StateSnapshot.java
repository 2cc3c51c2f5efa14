package io.qsctl.state;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import tools.jackson.databind.node.ObjectNode;

/**
 * One version of a cluster's state, as the reconciler wrote it. The state module does not look
 * inside {@code body}; it versions, encrypts and stores it.
 *
 * @param formatVersion the layout of this record ({@value #FORMAT_VERSION})
 * @param serial goes up by one on every write; with the lineage it says whether a saved plan is stale
 * @param lineage chosen at random when the state is created and never changed: two states with
 *     different lineages are not versions of each other
 * @param toolVersion the qsctl version that wrote this version
 * @param updated when this version was written
 * @param body the reconciler's document (copied in and out: the snapshot is immutable)
 */
public record StateSnapshot(int formatVersion, long serial, UUID lineage, String toolVersion, Instant updated,
        ObjectNode body) {

    public static final int FORMAT_VERSION = 1;

    public StateSnapshot {
        Objects.requireNonNull(lineage, "lineage");
        Objects.requireNonNull(toolVersion, "toolVersion");
        Objects.requireNonNull(updated, "updated");
        body = Objects.requireNonNull(body, "body").deepCopy();
        if (serial < 1) {
            throw new IllegalArgumentException("serials start at 1");
        }
    }

    /** A copy of the body: changing it changes nothing stored. */
    @Override
    public ObjectNode body() {
        return body.deepCopy();
    }

    /** Whether {@code other} is this very version (same lineage and serial). */
    public boolean sameVersionAs(StateSnapshot other) {
        return other != null && lineage.equals(other.lineage) && serial == other.serial;
    }

    /** Says which version this is, never what the body holds. */
    @Override
    public String toString() {
        return "StateSnapshot[lineage=" + lineage + ", serial=" + serial + ", updated=" + updated + ", toolVersion="
                + toolVersion + "]";
    }
}
