package io.qsctl.reconciler.api;

import io.qsctl.provider.BackendRole;
import io.qsctl.provider.ContractId;
import io.qsctl.provider.NodeId;
import io.qsctl.provider.ZdbMode;
import io.qsctl.spec.ByteSize;
import java.util.Objects;

/** Give an existing backend a larger namespace, in place (a signed contract update). */
public record GrowBackend(int index, String backend, BackendRole role, ContractId contract, NodeId node, long fromSize,
                          long toSize, ZdbMode mode) implements Action {

    public GrowBackend {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(contract, "contract");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(mode, "mode");
        if (toSize <= fromSize) {
            throw new IllegalArgumentException("a backend only grows");
        }
    }

    @Override
    public String symbol() {
        return "~";
    }

    @Override
    public String verb() {
        return "Growing";
    }

    @Override
    public String type() {
        return "grow";
    }

    @Override
    public String describe() {
        return "~ " + backend + ": grow " + ByteSize.ofBytes(fromSize) + " -> " + ByteSize.ofBytes(toSize)
                + " (contract " + contract + " on node " + node + ")";
    }
}
