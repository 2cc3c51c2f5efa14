package io.qsctl.reconciler;

import io.qsctl.provider.BackendRole;
import io.qsctl.provider.ContractId;
import io.qsctl.provider.Node;
import io.qsctl.provider.ZdbMode;
import io.qsctl.reconciler.api.BackendNames;
import io.qsctl.reconciler.api.BackendRecord;
import io.qsctl.reconciler.api.BackendStatus;
import io.qsctl.reconciler.api.ClusterState;
import io.qsctl.reconciler.api.DeleteBackend;
import io.qsctl.reconciler.api.Observation;
import io.qsctl.reconciler.api.ObservedBackend;
import io.qsctl.reconciler.api.PlanOptions;
import io.qsctl.reconciler.api.ReplaceBackend;
import io.qsctl.spec.ByteSize;
import io.qsctl.spec.ClusterSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The diff between the spec and the observed state, before any node is chosen: which names need a
 * new backend, which backends must be replaced and why, which grow, and which go. Pure: it reads
 * the observation and decides.
 *
 * <p>Per desired name: no serving backend → create. A serving backend is replaced when the user
 * asked, when an interrupted apply had started replacing it, when its contract is gone, when its
 * node is down or gone, when its namespace is gone from a node that answers (a lost disk; known
 * only when the refresh probed namespaces), or when its node no longer satisfies the placement; otherwise it grows
 * when the spec wants it larger (replaced instead when its node has no room). Backends are never
 * shrunk: 0-db namespaces cannot shrink. Every backend whose name the spec no longer has is
 * deleted, and so is every retiring predecessor of a finished replacement.
 */
final class Differ {

    record Wanted(String name, BackendRole role, long size) {
    }

    record Replacement(BackendRecord old, ReplaceBackend.Reason reason, String why, long size) {
    }

    record Growth(BackendRecord record, long toSize) {
    }

    record Removal(BackendRecord record, DeleteBackend.Reason reason) {
    }

    record Changes(List<Wanted> creates, List<Replacement> replacements, List<Growth> grows, List<Removal> removals,
                   List<String> notes) {
    }

    private Differ() {
    }

    static Changes diff(ClusterSpec spec, ClusterState state, Observation observation, PlanOptions options) {
        BackendSizes sizes = CapacityPlanner.sizes(spec);
        PlacementFilter placement = new PlacementFilter(spec.nodes().placement());
        Map<ContractId, ObservedBackend> observed = new HashMap<>();
        observation.backends().forEach(o -> observed.put(o.record().contract(), o));
        Map<String, BackendRecord> serving = new HashMap<>();
        state.backends().stream().filter(b -> b.status().serving())
                .forEach(b -> serving.merge(b.name(), b, (x, y) -> x.generation() >= y.generation() ? x : y));

        List<Wanted> creates = new ArrayList<>();
        List<Replacement> replacements = new ArrayList<>();
        List<Growth> grows = new ArrayList<>();
        Set<String> notes = new LinkedHashSet<>();
        Set<String> desired = new LinkedHashSet<>();
        for (Wanted w : desired(spec, sizes)) {
            desired.add(w.name());
            BackendRecord current = serving.get(w.name());
            if (current == null) {
                creates.add(w);
                continue;
            }
            ObservedBackend o = observed.get(current.contract());
            Optional<Replacement> replacement = replacementFor(o, placement, options, Math.max(w.size(), current.size()));
            if (replacement.isPresent()) {
                replacements.add(replacement.get());
            } else if (w.size() > current.size()) {
                long room = o.node().map(Node::freeHru).orElse(0L);
                if (room >= w.size() - current.size()) {
                    grows.add(new Growth(current, w.size()));
                } else {
                    replacements.add(new Replacement(current, ReplaceBackend.Reason.NO_ROOM_TO_GROW, "node "
                            + current.node() + " has " + ByteSize.ofBytes(room) + " free, not the "
                            + ByteSize.ofBytes(w.size() - current.size()) + " more it needs to grow", w.size()));
                }
            } else if (w.size() < current.size()) {
                notes.add("the spec gives " + w.role().id() + " backends " + ByteSize.ofBytes(w.size())
                        + ", less than some have; 0-db namespaces cannot shrink, so they keep their size");
            }
        }

        List<Removal> retired = new ArrayList<>();
        List<Removal> lowered = new ArrayList<>();
        for (BackendRecord b : state.backends()) {
            BackendRecord current = serving.get(b.name());
            if (!desired.contains(b.name())) {
                lowered.add(new Removal(b, DeleteBackend.Reason.COUNT_LOWERED));
            } else if (b.status() == BackendStatus.RETIRING || (b != current && answers(current, observed))) {
                // A predecessor whose successor is active is as good as retiring.
                retired.add(new Removal(b, DeleteBackend.Reason.RETIRED));
            }
        }
        lowered.sort(Comparator.comparing((Removal r) -> r.record().role().ordinal())
                .thenComparing(r -> -BackendNames.index(r.record().name())));
        List<Removal> removals = new ArrayList<>(retired);
        removals.addAll(lowered);
        return new Changes(creates, replacements, grows, removals, List.copyOf(notes));
    }

    /** Active, or deploying with a namespace that answers now (the apply settles it before anything else). */
    private static boolean answers(BackendRecord b, Map<ContractId, ObservedBackend> observed) {
        return b.status() == BackendStatus.ACTIVE || (b.status() == BackendStatus.DEPLOYING
                && observed.get(b.contract()).endpoint().isPresent());
    }

    /** Every backend the spec wants, data first, by index, with the size it should have. */
    static List<Wanted> desired(ClusterSpec spec, BackendSizes sizes) {
        List<Wanted> out = new ArrayList<>();
        for (int i = 0; i < spec.nodes().count(); i++) {
            out.add(new Wanted(BackendNames.of(BackendRole.DATA, i), BackendRole.DATA, sizes.data()));
        }
        for (int i = 0; i < spec.metadata().backends(); i++) {
            out.add(new Wanted(BackendNames.of(BackendRole.METADATA, i), BackendRole.METADATA, sizes.metadata()));
        }
        return out;
    }

    /** Data backends hold erasure-coded shards written as sequences; metadata is keyed (zstor's layout). */
    static ZdbMode modeFor(BackendRole role) {
        return role == BackendRole.DATA ? ZdbMode.SEQ : ZdbMode.USER;
    }

    private static Optional<Replacement> replacementFor(ObservedBackend o, PlacementFilter placement,
                                                        PlanOptions options, long size) {
        BackendRecord b = o.record();
        if (options.replace().contains(b.name())) {
            return Optional.of(new Replacement(b, ReplaceBackend.Reason.REQUESTED, "replacement requested", size));
        }
        if (b.status() == BackendStatus.REPLACING) {
            return Optional.of(new Replacement(b, ReplaceBackend.Reason.UNFINISHED,
                    "an interrupted apply had started replacing it", size));
        }
        if (!o.contractAlive()) {
            return Optional.of(new Replacement(b, ReplaceBackend.Reason.CONTRACT_GONE, o.contract().isEmpty()
                    ? "the grid does not know contract " + b.contract()
                    : "contract " + b.contract() + " was deleted outside qsctl", size));
        }
        if (o.node().isEmpty()) {
            return Optional.of(new Replacement(b, ReplaceBackend.Reason.NODE_DOWN, "node " + b.node()
                    + " has left the grid", size));
        }
        Node node = o.node().get();
        if (node.status() == io.qsctl.provider.NodeStatus.DOWN) {
            return Optional.of(new Replacement(b, ReplaceBackend.Reason.NODE_DOWN, "node " + b.node() + " is down", size));
        }
        if (o.namespaceMissing()) {
            return Optional.of(new Replacement(b, ReplaceBackend.Reason.NAMESPACE_LOST, "its namespace is gone from node "
                    + b.node() + ", which answers: a lost disk", size));
        }
        if (!placement.allows(node)) {
            return Optional.of(new Replacement(b, ReplaceBackend.Reason.PLACEMENT, "node " + b.node() + " (farm "
                    + node.farmId() + ", " + node.country() + ") no longer satisfies nodes.placement", size));
        }
        return Optional.empty();
    }
}
