package io.qsctl.reconciler.api;

import io.qsctl.provider.ContractId;
import io.qsctl.provider.NodeId;
import io.qsctl.provider.TwinId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The reconciler's typed view of the state body: which cluster, on which network and twin, the
 * spec it last converged to, and every backend it reserved. The state module stores it (encrypted,
 * with serial and lineage); {@link ClusterStateJson} turns it into that body and back.
 *
 * <p>Immutable: every change gives a new value, which the applier writes at once.
 *
 * @param version the body's format; {@link ClusterStateJson} upgrades older ones when it reads them
 * @param specHash the spec the last completed apply converged to; empty before the first completes
 * @param avoided nodes to pass over when planning, for a while (they failed during an apply)
 * @param destroyed set by destroy: nothing of the cluster is left on the grid
 */
public record ClusterState(int version, String cluster, String network, Optional<TwinId> twin,
                           Optional<String> specHash, List<BackendRecord> backends, List<AvoidedNode> avoided,
                           boolean destroyed) {

    public static final int VERSION = 1;

    private static final Comparator<BackendRecord> ORDER = Comparator
            .comparing((BackendRecord r) -> r.role().ordinal())
            .thenComparingInt(r -> BackendNames.index(r.name()))
            .thenComparingInt(BackendRecord::generation)
            .thenComparingLong(r -> r.contract().value());

    public ClusterState {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(twin, "twin");
        Objects.requireNonNull(specHash, "specHash");
        backends = backends.stream().sorted(ORDER).toList();
        avoided = List.copyOf(avoided);
    }

    /** The state of a cluster that has nothing yet. */
    public static ClusterState empty(String cluster, String network) {
        return new ClusterState(VERSION, cluster, network, Optional.empty(), Optional.empty(), List.of(), List.of(),
                false);
    }

    /**
     * The backend that serves {@code name}, if any: of its backends that are not retiring, the one
     * of the highest generation (while a replacement deploys, its predecessor waits beside it).
     */
    public Optional<BackendRecord> serving(String name) {
        return backends.stream().filter(b -> b.name().equals(name) && b.status().serving())
                .max(Comparator.comparingInt(BackendRecord::generation));
    }

    public Optional<BackendRecord> byContract(ContractId contract) {
        return backends.stream().filter(b -> b.contract().equals(contract)).findFirst();
    }

    /** Adds a backend, or replaces the one with the same contract. */
    public ClusterState with(BackendRecord record) {
        List<BackendRecord> next = new ArrayList<>(backends.size() + 1);
        for (BackendRecord b : backends) {
            if (!b.contract().equals(record.contract())) {
                next.add(b);
            }
        }
        next.add(record);
        return new ClusterState(version, cluster, network, twin, specHash, next, avoided, false);
    }

    public ClusterState without(ContractId contract) {
        return new ClusterState(version, cluster, network, twin, specHash,
                backends.stream().filter(b -> !b.contract().equals(contract)).toList(), avoided, destroyed);
    }

    public ClusterState withTwin(TwinId value) {
        return new ClusterState(version, cluster, network, Optional.of(value), specHash, backends, avoided, destroyed);
    }

    public ClusterState withSpecHash(String value) {
        return new ClusterState(version, cluster, network, twin, Optional.of(value), backends, avoided, destroyed);
    }

    /** Remembers a failing node until {@code until} (replacing an earlier entry for it), and forgets expired ones. */
    public ClusterState avoiding(NodeId node, String reason, Instant until, Instant now) {
        List<AvoidedNode> next = new ArrayList<>();
        for (AvoidedNode a : avoided) {
            if (!a.node().equals(node) && a.until().isAfter(now)) {
                next.add(a);
            }
        }
        next.add(new AvoidedNode(node, reason, until));
        return new ClusterState(version, cluster, network, twin, specHash, backends, next, destroyed);
    }

    /** The nodes still to be passed over at {@code now}. */
    public List<NodeId> avoidedAt(Instant now) {
        return avoided.stream().filter(a -> a.until().isAfter(now)).map(AvoidedNode::node).toList();
    }

    /** Everything cancelled: no backends, marked destroyed (the lineage lives on for the record). */
    public ClusterState markDestroyed() {
        return new ClusterState(version, cluster, network, twin, Optional.empty(), List.of(), List.of(), true);
    }
}
