package io.qsctl.reconciler.api;

import io.qsctl.provider.Contract;
import io.qsctl.provider.ContractState;
import io.qsctl.provider.Node;
import io.qsctl.provider.NodeStatus;
import io.qsctl.provider.ZdbEndpoint;
import java.util.Objects;
import java.util.Optional;

/**
 * A backend of the state next to what the grid says about it now: its contract (empty when the
 * grid does not know it), its node (empty when the node left the grid), for a backend whose
 * namespace had not been seen yet its endpoint, and what its namespace said when asked directly
 * (empty when it was not asked: no probe was given, or the grid already says it is gone or down).
 */
public record ObservedBackend(BackendRecord record, Optional<Contract> contract, Optional<Node> node,
                              Optional<ZdbEndpoint> endpoint, Optional<NamespaceObservation> namespace) {

    public ObservedBackend {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(contract, "contract");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(namespace, "namespace");
    }

    /** As the grid alone sees it, its namespace not asked. */
    public ObservedBackend(BackendRecord record, Optional<Contract> contract, Optional<Node> node,
                           Optional<ZdbEndpoint> endpoint) {
        this(record, contract, node, endpoint, Optional.empty());
    }

    public ObservedBackend withNamespace(NamespaceObservation observed) {
        return new ObservedBackend(record, contract, node, endpoint, Optional.of(observed));
    }

    /** The contract exists and is not deleted (a contract in grace is alive: topping up revives it). */
    public boolean contractAlive() {
        return contract.map(c -> c.state() != ContractState.DELETED).orElse(false);
    }

    /** The node is known and up. */
    public boolean nodeUp() {
        return node.map(n -> n.status() == NodeStatus.UP).orElse(false);
    }

    /** Its node answered and has no such namespace: what was on it is gone (a lost or wiped disk). */
    public boolean namespaceMissing() {
        return namespace.map(n -> n.presence() == NamespaceObservation.Presence.MISSING).orElse(false);
    }

    /** Its node is up on the grid but the namespace did not answer when asked. */
    public boolean namespaceUnreachable() {
        return namespace.map(n -> n.presence() == NamespaceObservation.Presence.UNREACHABLE).orElse(false);
    }

    /** Its namespace answered and is read-only. */
    public boolean namespaceLocked() {
        return namespace.map(NamespaceObservation::locked).orElse(false);
    }

    /**
     * Whether the backend is lost for good (its contract, its node, or its namespace on a node that
     * answers), so that only a replacement helps.
     */
    public boolean dead() {
        return !contractAlive() || node.map(n -> n.status() == NodeStatus.DOWN).orElse(true) || namespaceMissing();
    }

    /**
     * Whether it can take writes now, as far as this observation knows: alive, its node up, and its
     * namespace (when asked) present and not read-only. A contract in grace is read-only too.
     */
    public boolean writable() {
        return !dead() && nodeUp() && !namespaceUnreachable() && !namespaceLocked()
                && contract.map(c -> c.state() == ContractState.CREATED).orElse(false);
    }
}
