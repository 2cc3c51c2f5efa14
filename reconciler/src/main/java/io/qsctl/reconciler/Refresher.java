package io.qsctl.reconciler;

import io.qsctl.provider.Contract;
import io.qsctl.provider.ContractId;
import io.qsctl.provider.ContractState;
import io.qsctl.provider.Grid;
import io.qsctl.provider.Node;
import io.qsctl.provider.NodeId;
import io.qsctl.provider.NodeStatus;
import io.qsctl.provider.TwinId;
import io.qsctl.provider.ZdbEndpoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Observes, through the grid, everything the state says exists: one listing of the twin's
 * contracts, a look-up for each contract missing from it (to tell deleted from unknown), each node
 * the cluster uses, and the endpoint of each backend whose namespace had not been seen. It also
 * notices contracts labelled with this cluster that the state does not list (reported, never
 * touched: they may be another machine's work).
 */
public final class Refresher {

    private Refresher() {
    }

    public static Observation refresh(Grid grid, ClusterState state, Optional<TwinId> twin) {
        Map<ContractId, Contract> live = new HashMap<>();
        List<Contract> untracked = new ArrayList<>();
        Set<ContractId> known = new HashSet<>();
        state.backends().forEach(b -> known.add(b.contract()));
        if (twin.isPresent()) {
            for (Contract c : grid.contracts(twin.get())) {
                live.put(c.id(), c);
                if (!known.contains(c.id()) && labelledFor(c, state.cluster())) {
                    untracked.add(c);
                }
            }
        }
        Map<NodeId, Optional<Node>> nodes = new HashMap<>();
        List<ObservedBackend> observed = new ArrayList<>(state.backends().size());
        List<Drift> drift = new ArrayList<>();
        for (BackendRecord b : state.backends()) {
            Optional<Contract> contract = Optional.ofNullable(live.get(b.contract()));
            if (contract.isEmpty()) {
                contract = grid.contract(b.contract());
            }
            Optional<Node> node = nodes.computeIfAbsent(b.node(), grid::node);
            Optional<ZdbEndpoint> endpoint = Optional.empty();
            boolean alive = contract.map(c -> c.state() != ContractState.DELETED).orElse(false);
            if (b.endpoint().isEmpty() && alive) {
                endpoint = grid.endpoint(b.contract());
            }
            ObservedBackend o = new ObservedBackend(b, contract, node, endpoint);
            observed.add(o);
            drift.addAll(driftOf(o, twin));
        }
        for (Contract c : untracked) {
            drift.add(new Drift(label(c).orElse("?"), Optional.of(c.id()), Drift.Kind.UNTRACKED_CONTRACT,
                    "contract " + c.id() + " on node " + c.node() + " is labelled " + state.cluster() + "/"
                            + label(c).orElse("?") + " but the state does not list it; qsctl leaves it alone"));
        }
        return new Observation(grid.now(), twin, observed, untracked, drift);
    }

    private static List<Drift> driftOf(ObservedBackend o, Optional<TwinId> twin) {
        BackendRecord b = o.record();
        Optional<ContractId> id = Optional.of(b.contract());
        List<Drift> out = new ArrayList<>();
        if (o.contract().isEmpty()) {
            out.add(new Drift(b.name(), id, Drift.Kind.CONTRACT_MISSING, b.name() + ": the grid does not know contract "
                    + b.contract()));
        } else if (o.contract().get().state() == ContractState.DELETED) {
            out.add(new Drift(b.name(), id, Drift.Kind.CONTRACT_DELETED, b.name() + ": contract " + b.contract()
                    + " was deleted outside qsctl (cancelled by hand, or out of funds)"));
        } else if (o.contract().get().state() == ContractState.GRACE) {
            out.add(new Drift(b.name(), id, Drift.Kind.CONTRACT_IN_GRACE, b.name() + ": contract " + b.contract()
                    + " is in its grace period" + o.contract().get().graceSince().map(t -> " since " + t).orElse("")
                    + ": the wallet ran dry and the namespace is read-only; top up the wallet"
                    + twin.map(t -> " of twin " + t).orElse("") + " (the grid deletes it 14 days after)"));
        }
        if (o.node().isEmpty()) {
            out.add(new Drift(b.name(), id, Drift.Kind.NODE_DOWN, b.name() + ": node " + b.node() + " has left the grid"));
        } else if (o.node().get().status() == NodeStatus.DOWN) {
            out.add(new Drift(b.name(), id, Drift.Kind.NODE_DOWN, b.name() + ": node " + b.node() + " is down"));
        } else if (o.node().get().status() == NodeStatus.STANDBY || !o.node().get().healthy()) {
            out.add(new Drift(b.name(), id, Drift.Kind.NODE_UNHEALTHY, b.name() + ": node " + b.node()
                    + (o.node().get().status() == NodeStatus.STANDBY ? " is on standby" : " does not answer the grid")));
        }
        if (b.endpoint().isEmpty() && o.contractAlive() && o.endpoint().isEmpty()) {
            out.add(new Drift(b.name(), id, Drift.Kind.NOT_DEPLOYED, b.name() + ": node " + b.node()
                    + " has not deployed the namespace of contract " + b.contract() + " yet"));
        }
        return out;
    }

    /** Whether a contract's public label names this cluster ({@link io.qsctl.provider.Deployment#metadataFor}). */
    static boolean labelledFor(Contract c, String cluster) {
        return labelField(c, "cluster").map(cluster::equals).orElse(false);
    }

    static Optional<String> label(Contract c) {
        return labelField(c, "backend");
    }

    private static Optional<String> labelField(Contract c, String field) {
        if (!c.deploymentData().startsWith("{")) {
            return Optional.empty();
        }
        try {
            JsonNode label = Json.MAPPER.readTree(c.deploymentData());
            JsonNode value = label.get(field);
            return value != null && value.isString() ? Optional.of(value.stringValue()) : Optional.empty();
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }
}
