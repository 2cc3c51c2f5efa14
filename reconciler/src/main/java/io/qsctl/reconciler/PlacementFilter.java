package io.qsctl.reconciler;

import io.qsctl.provider.FarmId;
import io.qsctl.provider.Node;
import io.qsctl.provider.NodeId;
import io.qsctl.provider.NodeQuery;
import io.qsctl.spec.FarmRef;
import io.qsctl.spec.Placement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The part of {@code nodes.placement} that says which nodes may hold a backend at all: countries,
 * farms (by id or name; a node of any listed farm qualifies), pinned node ids and exclusions. Used
 * both to search the grid and to check that an existing backend still satisfies the placement
 * (a backend whose node no longer does is replaced).
 */
final class PlacementFilter {

    private final Placement placement;
    private final Set<String> countries;
    private final Set<FarmId> farmIds;
    private final Set<String> farmNames;
    private final Set<NodeId> nodeIds;
    private final Set<NodeId> excluded;

    PlacementFilter(Placement placement) {
        this.placement = placement;
        this.countries = placement.countries().stream().map(c -> c.toUpperCase(Locale.ROOT)).collect(Collectors.toSet());
        this.farmIds = placement.farms().stream().filter(FarmRef.Id.class::isInstance)
                .map(f -> new FarmId(((FarmRef.Id) f).id())).collect(Collectors.toSet());
        this.farmNames = placement.farms().stream().filter(FarmRef.Name.class::isInstance)
                .map(f -> ((FarmRef.Name) f).name().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        this.nodeIds = placement.nodeIds().stream().map(NodeId::new).collect(Collectors.toSet());
        this.excluded = placement.exclude().stream().map(NodeId::new).collect(Collectors.toSet());
    }

    /** Whether the placement allows this node (capacity and health are not its concern). */
    boolean allows(Node node) {
        if (!countries.isEmpty() && !countries.contains(node.country().toUpperCase(Locale.ROOT))) {
            return false;
        }
        if ((!farmIds.isEmpty() || !farmNames.isEmpty()) && !farmIds.contains(node.farmId())
                && !farmNames.contains(node.farmName().toLowerCase(Locale.ROOT))) {
            return false;
        }
        if (!nodeIds.isEmpty() && !nodeIds.contains(node.id())) {
            return false;
        }
        return !excluded.contains(node.id());
    }

    /**
     * The grid search for zdb-capable, up, healthy nodes with {@code minFreeHru} free that the
     * placement allows. Farms given both by id and by name cannot be one grid-proxy filter (its
     * filters combine with AND), so then the farm filter is left to {@link #allows}.
     */
    NodeQuery query(long minFreeHru) {
        NodeQuery q = NodeQuery.forZdb(minFreeHru)
                .withCountries(placement.countries())
                .withNodeIds(placement.nodeIds().stream().map(NodeId::new).toList())
                .withExcluded(placement.exclude().stream().map(NodeId::new).toList());
        if (farmNames.isEmpty()) {
            q = q.withFarmIds(farmIds.stream().sorted((a, b) -> Long.compare(a.value(), b.value())).toList());
        } else if (farmIds.isEmpty()) {
            q = q.withFarmNames(placement.farms().stream().map(FarmRef::toString).toList());
        }
        return q;
    }

    /** "in BE, NL, DE on farms 12, freefarm" — the filters as a sentence fragment, empty when there are none. */
    String describe() {
        List<String> parts = new ArrayList<>();
        if (!placement.countries().isEmpty()) {
            parts.add("in " + String.join(", ", placement.countries()));
        }
        if (!placement.farms().isEmpty()) {
            parts.add("on farm" + (placement.farms().size() > 1 ? "s " : " ")
                    + placement.farms().stream().map(FarmRef::toString).collect(Collectors.joining(", ")));
        }
        if (!placement.nodeIds().isEmpty()) {
            parts.add("among nodes " + placement.nodeIds().stream().map(String::valueOf).collect(Collectors.joining(", ")));
        }
        if (!placement.exclude().isEmpty()) {
            parts.add("except nodes " + placement.exclude().stream().map(String::valueOf).collect(Collectors.joining(", ")));
        }
        return String.join(" ", parts);
    }
}
