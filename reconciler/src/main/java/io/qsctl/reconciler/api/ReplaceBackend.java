package io.qsctl.reconciler.api;

import io.qsctl.provider.BackendRole;
import io.qsctl.provider.ContractId;
import io.qsctl.provider.NodeId;
import io.qsctl.provider.ZdbMode;
import io.qsctl.spec.ByteSize;
import java.util.Locale;
import java.util.Objects;

/**
 * Replace a backend, create before destroy: reserve the new one on {@code target}, keep the old
 * one (marked retiring) until the new one answers, then cancel the old contract. {@code why} says
 * in words what made the plan replace it.
 */
public record ReplaceBackend(int index, String backend, BackendRole role, ContractId oldContract, NodeId oldNode,
                             NodeChoice target, long size, ZdbMode mode, Reason reason, String why) implements Action {

    /** What triggers a replacement. */
    public enum Reason {
        /** The node no longer satisfies {@code nodes.placement} (e.g. its country was removed). */
        PLACEMENT,
        /** The contract was cancelled or deleted outside qsctl (out of funds, by hand). */
        CONTRACT_GONE,
        /** The node is down or has left the grid. */
        NODE_DOWN,
        /** The node answers but its namespace is gone (a lost or wiped disk). */
        NAMESPACE_LOST,
        /** The backend must grow but its node has no room left. */
        NO_ROOM_TO_GROW,
        /** The user asked for it ({@code replace backend NAME}). */
        REQUESTED,
        /** A replacement that an interrupted apply had started. */
        UNFINISHED;

        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Reason fromId(String id) {
            return valueOf(id.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    public ReplaceBackend {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(oldContract, "oldContract");
        Objects.requireNonNull(oldNode, "oldNode");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(why, "why");
    }

    @Override
    public String symbol() {
        return "+/-";
    }

    @Override
    public String verb() {
        return "Replacing";
    }

    @Override
    public String type() {
        return "replace";
    }

    @Override
    public String describe() {
        return "+/- " + backend + ": replace contract " + oldContract + " on node " + oldNode + " with "
                + ByteSize.ofBytes(size) + " on " + target + ", new one first (" + why + ")";
    }
}
