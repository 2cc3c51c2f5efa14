package io.qsctl.reconciler;

import io.qsctl.common.QsctlException;
import io.qsctl.provider.BackendRole;
import io.qsctl.provider.Grid;
import io.qsctl.provider.Node;
import io.qsctl.provider.NodeId;
import io.qsctl.provider.NodeQuery;
import io.qsctl.provider.NodeStatus;
import io.qsctl.reconciler.api.BackendRecord;
import io.qsctl.reconciler.api.ClusterState;
import io.qsctl.spec.ByteSize;
import io.qsctl.spec.StorageCluster;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chooses the node of every backend a plan reserves (creates and replacements). Reads the node
 * catalogue once, then places data backends and then metadata backends with {@link NodeSelector}.
 *
 * <p>Never picked: a node the cluster already uses (any backend, even one about to go: it is still
 * there while the plan runs), a node that failed recently ({@link ClusterState#avoided()}), a node
 * that is not up, not healthy or offers no zdb. Metadata backends each get a node no other
 * metadata backend uses, and avoid data nodes unless the placement leaves no other choice (then
 * the HDD the plan gives a data backend on that node is accounted for).
 */
final class Placer {

    private final PlacementFilter placement;
    private final StorageCluster cluster;

    private Placer(StorageCluster cluster) {
        this.cluster = cluster;
        this.placement = new PlacementFilter(cluster.spec().nodes().placement());
    }

    /** The chosen node per backend name, for every create and replacement of {@code changes}. */
    static Map<String, Node> place(Grid grid, StorageCluster cluster, ClusterState state, Differ.Changes changes,
                                   Instant now) {
        return new Placer(cluster).placeAll(grid, state, changes, now);
    }

    private Map<String, Node> placeAll(Grid grid, ClusterState state, Differ.Changes changes, Instant now) {
        List<Differ.Wanted> data = new ArrayList<>();
        List<Differ.Wanted> meta = new ArrayList<>();
        for (Differ.Wanted w : changes.creates()) {
            (w.role() == BackendRole.DATA ? data : meta).add(w);
        }
        for (Differ.Replacement r : changes.replacements()) {
            Differ.Wanted w = new Differ.Wanted(r.old().name(), r.old().role(), r.size());
            (w.role() == BackendRole.DATA ? data : meta).add(w);
        }
        Map<String, Node> out = new LinkedHashMap<>();
        if (data.isEmpty() && meta.isEmpty()) {
            return out;
        }
        long smallest = Long.MAX_VALUE;
        for (Differ.Wanted w : data) {
            smallest = Math.min(smallest, w.size());
        }
        for (Differ.Wanted w : meta) {
            smallest = Math.min(smallest, w.size());
        }
        List<Node> catalogue = new ArrayList<>();
        for (Node n : NodeCatalogue.fetch(grid, placement.query(smallest))) {
            if (placement.allows(n) && n.status() == NodeStatus.UP && n.healthy() && n.supports(NodeQuery.ZDB)) {
                catalogue.add(n);
            }
        }
        NodeSelector selector = new NodeSelector(catalogue, cluster.spec().nodes().placement().spread(),
                NodeSelector.seedFor(cluster.name()));

        Set<String> leaving = new HashSet<>();
        changes.replacements().forEach(r -> leaving.add(r.old().name()));
        changes.removals().forEach(r -> leaving.add(r.record().name()));
        Set<NodeId> used = new HashSet<>();
        Set<NodeId> stayingData = new HashSet<>();
        Set<NodeId> metaNodes = new HashSet<>();
        Map<String, Integer> dataDomains = new HashMap<>();
        Map<String, Integer> metaDomains = new HashMap<>();
        for (BackendRecord b : state.backends()) {
            used.add(b.node());
            boolean staying = b.status().serving() && !leaving.contains(b.name());
            if (b.role() == BackendRole.METADATA || !staying) {
                metaNodes.add(b.node());
            } else {
                stayingData.add(b.node());
            }
            if (staying) {
                (b.role() == BackendRole.DATA ? dataDomains : metaDomains)
                        .merge(selector.domainOf(b.farm(), b.country()), 1, Integer::sum);
            }
        }
        List<NodeId> avoided = state.avoidedAt(now);
        used.addAll(avoided);
        metaNodes.addAll(avoided);

        NodeSelector.Request dataRequest = new NodeSelector.Request(data.size(), largest(data), used, Set.of(), Map.of(),
                dataDomains);
        List<Node> dataPicks = selector.pick(dataRequest);
        if (dataPicks.size() < data.size()) {
            throw shortfall("nodes.count", data, state, selector.available(dataRequest), avoided.size());
        }
        Map<NodeId, Long> promised = new HashMap<>();
        Set<NodeId> dataNodes = new HashSet<>(stayingData);
        for (int i = 0; i < data.size(); i++) {
            out.put(data.get(i).name(), dataPicks.get(i));
            promised.put(dataPicks.get(i).id(), data.get(i).size());
            dataNodes.add(dataPicks.get(i).id());
        }
        NodeSelector.Request metaRequest = new NodeSelector.Request(meta.size(), largest(meta), metaNodes, dataNodes,
                promised, metaDomains);
        List<Node> metaPicks = selector.pick(metaRequest);
        if (metaPicks.size() < meta.size()) {
            throw shortfall("metadata.backends", meta, state, selector.available(metaRequest), avoided.size());
        }
        for (int i = 0; i < meta.size(); i++) {
            out.put(meta.get(i).name(), metaPicks.get(i));
        }
        return out;
    }

    private static long largest(List<Differ.Wanted> wanted) {
        return wanted.stream().mapToLong(Differ.Wanted::size).max().orElse(1);
    }

    /**
     * "nodes.placement asks for 20 nodes in BE, NL, DE with at least 128GiB free HDD; only 14
     * match — relax the placement or lower nodes.count".
     */
    private QsctlException shortfall(String countField, List<Differ.Wanted> wanted, ClusterState state, int matching,
                                     int avoided) {
        String where = placement.describe();
        long inUse = state.backends().stream().filter(b -> b.role() == wanted.get(0).role()).count();
        String asks = inUse == 0
                ? "asks for " + wanted.size() + " nodes"
                : "needs " + wanted.size() + " more nodes (besides the " + inUse + " the cluster uses)";
        return QsctlException.invalidInput("nodes.placement " + asks + (where.isEmpty() ? "" : " " + where)
                + " with at least " + ByteSize.ofBytes(largest(wanted)) + " free HDD, up and healthy; only " + matching
                + (matching == 1 ? " matches" : " match")
                + (avoided > 0 ? " (" + avoided + " node" + (avoided == 1 ? "" : "s")
                        + " that failed during a recent apply are passed over for now)" : "")
                + " — relax the placement or lower " + countField);
    }
}
