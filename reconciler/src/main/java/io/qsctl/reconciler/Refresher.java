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
import io.qsctl.reconciler.api.BackendRecord;
import io.qsctl.reconciler.api.ClusterState;
import io.qsctl.reconciler.api.Drift;
import io.qsctl.reconciler.api.Json;
import io.qsctl.reconciler.api.NamespaceObservation;
import io.qsctl.reconciler.api.NamespaceProbe;
import io.qsctl.reconciler.api.Observation;
import io.qsctl.reconciler.api.ObservedBackend;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Observes, through the grid, everything the state says exists: one listing of the twin's
 * contracts, a look-up for each contract missing from it (to tell deleted from unknown), each node
 * the cluster uses, and the endpoint of each backend whose namespace had not been seen. It also
 * notices contracts labelled with this cluster that the state does not list (reported, never
 * touched: they may be another machine's work).
 *
 * <p>Given a {@link NamespaceProbe}, it also asks each serving backend's namespace on its node,
 * all at once, whether it is still there: the grid keeps reporting a contract and an up node
 * after the node lost its disk.
 */
final class Refresher {

    /** Backends probed at once; a probe mostly waits on the network. */
    private static final int PROBE_THREADS = 16;

    private Refresher() {
    }

    static Observation refresh(Grid grid, ClusterState state, Optional<TwinId> twin) {
        return refresh(grid, state, twin, Optional.empty());
    }

    static Observation refresh(Grid grid, ClusterState state, Optional<TwinId> twin,
                                      Optional<NamespaceProbe> probe) {
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
            observed.add(new ObservedBackend(b, contract, node, endpoint));
        }
        if (probe.isPresent()) {
            observed = probed(observed, probe.get());
        }
        for (ObservedBackend o : observed) {
            drift.addAll(driftOf(o, twin));
        }
        for (Contract c : untracked) {
            drift.add(new Drift(label(c).orElse("?"), Optional.of(c.id()), Drift.Kind.UNTRACKED_CONTRACT,
                    "contract " + c.id() + " on node " + c.node() + " is labelled " + state.cluster() + "/"
                            + label(c).orElse("?") + " but the state does not list it; qsctl leaves it alone"));
        }
        return new Observation(grid.now(), twin, observed, untracked, drift);
    }

    /**
     * Asks the namespace of every backend that should answer: serving, deployed, its contract alive
     * and its node up on the grid (one that is down or gone is already known lost).
     */
    private static List<ObservedBackend> probed(List<ObservedBackend> observed, NamespaceProbe probe) {
        List<Integer> asked = new ArrayList<>();
        for (int i = 0; i < observed.size(); i++) {
            ObservedBackend o = observed.get(i);
            BackendRecord b = o.record();
            if (b.status().serving() && b.endpoint().isPresent() && b.namespace().isPresent() && o.contractAlive()
                    && o.nodeUp()) {
                asked.add(i);
            }
        }
        if (asked.isEmpty()) {
            return observed;
        }
        ExecutorService threads = Executors.newFixedThreadPool(Math.min(PROBE_THREADS, asked.size()), runnable -> {
            Thread thread = new Thread(runnable, "namespace-probe");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<CompletableFuture<NamespaceObservation>> answers = new ArrayList<>();
            for (int i : asked) {
                BackendRecord b = observed.get(i).record();
                answers.add(CompletableFuture.supplyAsync(() -> probe.observe(b), threads));
            }
            List<ObservedBackend> out = new ArrayList<>(observed);
            for (int k = 0; k < asked.size(); k++) {
                int i = asked.get(k);
                out.set(i, observed.get(i).withNamespace(join(answers.get(k))));
            }
            return out;
        } finally {
            threads.shutdownNow();
        }
    }

    private static NamespaceObservation join(CompletableFuture<NamespaceObservation> answer) {
        try {
            return answer.join();
        } catch (CompletionException e) {
            // a probe reports what backends do as observations; what it throws is a bug, shown as such
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static List<Drift> driftOf(ObservedBackend o, Optional<TwinId> twin) {
        BackendRecord b = o.record();
        Optional<ContractId> id = Optional.of(b.contract());
        List<Drift> out = new ArrayList<>();
        boolean inGrace = false;
        if (o.contract().isEmpty()) {
            out.add(new Drift(b.name(), id, Drift.Kind.CONTRACT_MISSING, "the grid does not know contract "
                    + b.contract()));
        } else if (o.contract().get().state() == ContractState.DELETED) {
            out.add(new Drift(b.name(), id, Drift.Kind.CONTRACT_DELETED, "contract " + b.contract()
                    + " was deleted outside qsctl (cancelled by hand, or out of funds)"));
        } else if (o.contract().get().state() == ContractState.GRACE) {
            inGrace = true;
            out.add(new Drift(b.name(), id, Drift.Kind.CONTRACT_IN_GRACE, "contract " + b.contract()
                    + " is in its grace period" + o.contract().get().graceSince().map(t -> " since " + t).orElse("")
                    + ": the wallet ran dry and the namespace is read-only; top up the wallet"
                    + twin.map(t -> " of twin " + t).orElse("") + " (the grid deletes it 14 days after)"));
        }
        if (o.node().isEmpty()) {
            out.add(new Drift(b.name(), id, Drift.Kind.NODE_DOWN, "node " + b.node() + " has left the grid"));
        } else if (o.node().get().status() == NodeStatus.DOWN) {
            out.add(new Drift(b.name(), id, Drift.Kind.NODE_DOWN, "node " + b.node() + " is down"));
        } else if (o.node().get().status() == NodeStatus.STANDBY || !o.node().get().healthy()) {
            out.add(new Drift(b.name(), id, Drift.Kind.NODE_UNHEALTHY, "node " + b.node()
                    + (o.node().get().status() == NodeStatus.STANDBY ? " is on standby" : " does not answer the grid")));
        }
        if (b.endpoint().isEmpty() && o.contractAlive() && o.endpoint().isEmpty()) {
            out.add(new Drift(b.name(), id, Drift.Kind.NOT_DEPLOYED, "node " + b.node()
                    + " has not deployed the namespace of contract " + b.contract() + " yet"));
        }
        if (o.namespace().isPresent()) {
            NamespaceObservation ns = o.namespace().get();
            String name = b.namespace().orElse("?");
            switch (ns.presence()) {
                case MISSING -> out.add(new Drift(b.name(), id, Drift.Kind.NAMESPACE_MISSING, "namespace " + name
                        + " is gone from node " + b.node() + ", which answers (" + ns.reason()
                        + "): its disk was lost or wiped, and the shards on it with it"));
                case UNREACHABLE -> out.add(new Drift(b.name(), id, Drift.Kind.NAMESPACE_UNREACHABLE, "node " + b.node()
                        + " is up on the grid, but namespace " + name + " does not answer at " + b.endpoint().orElse("?")
                        + " (" + ns.reason() + ")"));
                case PRESENT -> {
                    if (ns.locked() && !inGrace) {
                        out.add(new Drift(b.name(), id, Drift.Kind.NAMESPACE_LOCKED, "namespace " + name + " on node "
                                + b.node() + " is read-only although its contract is not in grace"));
                    }
                }
            }
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
