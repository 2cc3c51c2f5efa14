package io.qsctl.reconciler.api;

import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What a backend's own namespace says when asked directly, as a {@link NamespaceProbe} saw it: the
 * grid only knows that a contract and a node exist, not that the namespace on the node still does
 * (a node can lose its disk and stay up).
 *
 * @param presence whether the namespace answered, is gone from a node that answers, or could not be reached
 * @param reason in words, for messages: what the node said or why it could not be asked (never a password)
 * @param usedBytes bytes of data the namespace holds, when it answered and said so
 * @param limitBytes its size limit, when it answered and has one
 * @param locked whether it is read-only (0-db's lock: a contract in grace, or the node's operator)
 */
public record NamespaceObservation(Presence presence, String reason, OptionalLong usedBytes, OptionalLong limitBytes,
                                   boolean locked) {

    /** The answer a probe can give. */
    public enum Presence {
        /** The namespace answered. */
        PRESENT,
        /** The node answered and said it has no such namespace: what was stored there is gone. */
        MISSING,
        /** Nothing answered (refused, timed out) or it refused us for another reason. */
        UNREACHABLE;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public NamespaceObservation {
        Objects.requireNonNull(presence, "presence");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(usedBytes, "usedBytes");
        Objects.requireNonNull(limitBytes, "limitBytes");
    }

    public static NamespaceObservation present(OptionalLong usedBytes, OptionalLong limitBytes, boolean locked) {
        return new NamespaceObservation(Presence.PRESENT, locked ? "read-only" : "answers", usedBytes, limitBytes,
                locked);
    }

    public static NamespaceObservation missing(String reason) {
        return new NamespaceObservation(Presence.MISSING, reason, OptionalLong.empty(), OptionalLong.empty(), false);
    }

    public static NamespaceObservation unreachable(String reason) {
        return new NamespaceObservation(Presence.UNREACHABLE, reason, OptionalLong.empty(), OptionalLong.empty(), false);
    }

    /** Room left under its limit, when both are known and there is a limit. */
    public OptionalLong freeBytes() {
        if (usedBytes.isEmpty() || limitBytes.isEmpty() || limitBytes.getAsLong() <= 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(0, limitBytes.getAsLong() - usedBytes.getAsLong()));
    }
}
