package io.qsctl.reconciler.api;

import io.qsctl.provider.BackendRole;
import io.qsctl.provider.ContractId;
import io.qsctl.provider.NodeId;
import io.qsctl.spec.ByteSize;
import java.util.Locale;
import java.util.Objects;

/** Cancel a backend's contract; the node deletes the namespace and its data. */
public record DeleteBackend(int index, String backend, BackendRole role, ContractId contract, NodeId node, long size,
                            Reason reason) implements Action {

    /** Why a backend goes. */
    public enum Reason {
        /** {@code nodes.count} or {@code metadata.backends} was lowered: the highest indexes go. */
        COUNT_LOWERED("no longer in the spec"),
        /** The predecessor of a replacement that an interrupted apply left behind. */
        RETIRED("replaced; its successor is active"),
        /** {@code qsctl destroy}. */
        DESTROY("destroy");

        private final String words;

        Reason(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Reason fromId(String id) {
            return valueOf(id.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    public DeleteBackend {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(contract, "contract");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String symbol() {
        return "-";
    }

    @Override
    public String verb() {
        return "Deleting";
    }

    @Override
    public String type() {
        return "delete";
    }

    @Override
    public String describe() {
        return "- " + backend + ": delete contract " + contract + " on node " + node + ", " + ByteSize.ofBytes(size)
                + " (" + reason.words() + ")";
    }
}
