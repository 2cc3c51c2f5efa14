package io.qsctl.reconciler;

import io.qsctl.provider.Contract;
import io.qsctl.provider.ContractState;
import io.qsctl.provider.Node;
import io.qsctl.provider.NodeStatus;
import io.qsctl.provider.ZdbEndpoint;
import java.util.Objects;
import java.util.Optional;

/**
 * A backend of the state next to what the grid says about it now: its contract (empty when the
 * grid does not know it), its node (empty when the node left the grid) and, for a backend whose
 * namespace had not been seen yet, its endpoint.
 */
public record ObservedBackend(BackendRecord record, Optional<Contract> contract, Optional<Node> node,
                              Optional<ZdbEndpoint> endpoint) {

    public ObservedBackend {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(contract, "contract");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(endpoint, "endpoint");
    }

    /** The contract exists and is not deleted (a contract in grace is alive: topping up revives it). */
    public boolean contractAlive() {
        return contract.map(c -> c.state() != ContractState.DELETED).orElse(false);
    }

    /** The node is known and up. */
    public boolean nodeUp() {
        return node.map(n -> n.status() == NodeStatus.UP).orElse(false);
    }

    /** Whether the backend is lost for good (its contract or its node), so that only a replacement helps. */
    public boolean dead() {
        return !contractAlive() || node.map(n -> n.status() == NodeStatus.DOWN).orElse(true);
    }
}
