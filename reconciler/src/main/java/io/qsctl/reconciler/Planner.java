package io.qsctl.reconciler;

import io.qsctl.common.QsctlException;
import io.qsctl.provider.BackendSpec;
import io.qsctl.provider.Contract;
import io.qsctl.provider.Grid;
import io.qsctl.provider.Node;
import io.qsctl.provider.TwinId;
import io.qsctl.reconciler.api.Action;
import io.qsctl.reconciler.api.BackendNames;
import io.qsctl.reconciler.api.BackendRecord;
import io.qsctl.reconciler.api.BackendStatus;
import io.qsctl.reconciler.api.ClusterState;
import io.qsctl.reconciler.api.CreateBackend;
import io.qsctl.reconciler.api.DeleteBackend;
import io.qsctl.reconciler.api.GrowBackend;
import io.qsctl.reconciler.api.NamespaceProbe;
import io.qsctl.reconciler.api.NodeChoice;
import io.qsctl.reconciler.api.Observation;
import io.qsctl.reconciler.api.ObservedBackend;
import io.qsctl.reconciler.api.Plan;
import io.qsctl.reconciler.api.PlanFile;
import io.qsctl.reconciler.api.PlanMode;
import io.qsctl.reconciler.api.PlanOptions;
import io.qsctl.reconciler.api.PlanQuote;
import io.qsctl.reconciler.api.ReplaceBackend;
import io.qsctl.reconciler.api.SpecHash;
import io.qsctl.reconciler.api.StateBinding;
import io.qsctl.spec.StorageCluster;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refresh, diff, plan. {@link #plan} observes what the state says exists ({@link Refresher}),
 * compares it with the spec ({@link Differ}), chooses nodes for what must be reserved
 * ({@link Placer}), prices the result ({@link Pricing}) and returns a {@link Plan}. Planning never
 * changes anything, on the grid or in the state; the same spec, state, grid and options give the
 * same plan (same id, same actions).
 */
public final class Planner {

    private static final Logger LOG = LoggerFactory.getLogger(Planner.class);

    private final Grid grid;
    private final Optional<NamespaceProbe> probe;

    /** A planner that sees what the grid says, without asking namespaces themselves. */
    public Planner(Grid grid) {
        this(grid, Optional.empty());
    }

    /** A planner whose refresh also asks each backend's namespace through {@code probe}, when given. */
    public Planner(Grid grid, Optional<NamespaceProbe> probe) {
        this.grid = grid;
        this.probe = probe;
    }

    /** Observes the state's backends on the grid (for {@code qsctl status} and drift checks). */
    public Observation refresh(ClusterState state, Optional<TwinId> twin) {
        long started = System.nanoTime();
        Observation observation = Refresher.refresh(grid, state, twin, probe);
        LOG.debug("refresh of {}: {} backends observed, {} drifts, in {} ms", state.cluster(), observation.backends().size(),
                observation.drift().size(), millisSince(started));
        return observation;
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    /**
     * The plan that converges the cluster to {@code cluster}.
     *
     * @param state the cluster's state ({@link ClusterState#empty} when there is none yet)
     * @param binding the lineage and serial of that state, which the plan binds
     * @param twin the identity's twin on this grid, if it is registered
     */
    public Plan plan(StorageCluster cluster, ClusterState state, StateBinding binding, Optional<TwinId> twin,
                     PlanOptions options) {
        checkReplaceNames(state, options);
        Observation observation = refresh(state, twin);
        long started = System.nanoTime();
        String specHash = SpecHash.of(cluster);
        if (options.refreshOnly()) {
            List<BackendSpec> current = current(state, observation);
            return assemble(PlanMode.REFRESH_ONLY, cluster.name(), cluster.spec().network().id(), specHash, binding, twin,
                    observation, List.of(), Pricing.quote(grid, current, current, Set.of(), observation.at()), List.of());
        }
        Differ.Changes changes = Differ.diff(cluster.spec(), state, observation, options);
        Map<String, Node> nodes = Placer.place(grid, cluster, state, changes, observation.at());

        List<Action> actions = new ArrayList<>();
        for (Differ.Wanted w : changes.creates()) {
            actions.add(new CreateBackend(actions.size(), w.name(), w.role(), NodeChoice.of(nodes.get(w.name())), w.size(),
                    Differ.modeFor(w.role())));
        }
        for (Differ.Replacement r : changes.replacements()) {
            BackendRecord old = r.old();
            actions.add(new ReplaceBackend(actions.size(), old.name(), old.role(), old.contract(), old.node(),
                    NodeChoice.of(nodes.get(old.name())), r.size(), old.mode(), r.reason(), r.why()));
        }
        for (Differ.Growth g : changes.grows()) {
            BackendRecord b = g.record();
            actions.add(new GrowBackend(actions.size(), b.name(), b.role(), b.contract(), b.node(), b.size(), g.toSize(),
                    b.mode()));
        }
        for (Differ.Removal r : changes.removals()) {
            BackendRecord b = r.record();
            actions.add(new DeleteBackend(actions.size(), b.name(), b.role(), b.contract(), b.node(), b.size(), r.reason()));
        }

        List<String> notes = new ArrayList<>(changes.notes());
        if (twin.isEmpty() && !actions.isEmpty()) {
            notes.add("this account has no twin on the " + cluster.spec().network().id()
                    + " grid yet; apply registers it first");
        }
        PlanQuote quote = Pricing.quote(grid, current(state, observation), after(cluster.name(), state, actions),
                reservedNames(actions), observation.at());
        LOG.debug("plan of {}: {} actions (placed and priced) in {} ms", cluster.name(), actions.size(),
                millisSince(started));
        return assemble(PlanMode.APPLY, cluster.name(), cluster.spec().network().id(), specHash, binding, twin,
                observation, actions, quote, notes);
    }

    /**
     * The plan that cancels every contract of the cluster: every backend of the state, and every
     * contract of the twin labelled with this cluster that the state does not list, so that
     * nothing is left on the grid.
     */
    public Plan planDestroy(ClusterState state, StateBinding binding, Optional<TwinId> twin) {
        Observation observation = refresh(state, twin);
        List<Action> actions = new ArrayList<>();
        List<BackendRecord> ordered = new ArrayList<>(state.backends());
        ordered.sort((a, b) -> a.status() == b.status() ? 0 : a.status() == BackendStatus.RETIRING ? -1
                : b.status() == BackendStatus.RETIRING ? 1 : 0);
        for (BackendRecord b : ordered) {
            actions.add(new DeleteBackend(actions.size(), b.name(), b.role(), b.contract(), b.node(), b.size(),
                    DeleteBackend.Reason.DESTROY));
        }
        for (Contract c : observation.untracked()) {
            String name = Refresher.label(c).filter(BackendNames::valid).orElse("data-00");
            actions.add(new DeleteBackend(actions.size(), name, BackendNames.role(name), c.id(), c.node(), c.size(),
                    DeleteBackend.Reason.DESTROY));
        }
        PlanQuote quote = Pricing.quote(grid, current(state, observation), List.of(), Set.of(), observation.at());
        return assemble(PlanMode.DESTROY, state.cluster(), state.network(), state.specHash().orElse(""), binding, twin,
                observation, actions, quote, List.of());
    }

    private Plan assemble(PlanMode mode, String cluster, String network, String specHash, StateBinding binding,
                          Optional<TwinId> twin, Observation observation, List<Action> actions, PlanQuote quote,
                          List<String> notes) {
        String id = PlanFile.idFor(mode, cluster, specHash, binding, actions);
        return new Plan(Plan.FORMAT_VERSION, id, mode, cluster, network, specHash, binding, twin, observation.at(),
                observation.drift(), actions, quote, notes);
    }

    private static void checkReplaceNames(ClusterState state, PlanOptions options) {
        for (String name : options.replace()) {
            if (state.serving(name).isEmpty()) {
                String existing = state.backends().stream().filter(b -> b.status().serving()).map(BackendRecord::name)
                        .collect(Collectors.joining(", "));
                throw QsctlException.invalidInput("cannot replace backend '" + name + "': the cluster has no such backend"
                        + (existing.isEmpty() ? " (it has none yet)" : " (it has " + existing + ")"));
            }
        }
    }

    /** The backends that cost money now: every one whose contract is alive. */
    private static List<BackendSpec> current(ClusterState state, Observation observation) {
        List<BackendSpec> out = new ArrayList<>();
        for (ObservedBackend o : observation.backends()) {
            if (o.contractAlive()) {
                BackendRecord b = o.record();
                out.add(new BackendSpec(state.cluster(), b.name(), b.role(), b.node(), b.size(), b.mode()));
            }
        }
        return out;
    }

    /** The backends the cluster will have once the plan has run. */
    private static List<BackendSpec> after(String cluster, ClusterState state, List<Action> actions) {
        Map<String, BackendSpec> byName = new HashMap<>();
        for (BackendRecord b : state.backends()) {
            if (b.status().serving()) {
                byName.put(b.name(), new BackendSpec(cluster, b.name(), b.role(), b.node(), b.size(), b.mode()));
            }
        }
        for (Action a : actions) {
            if (a instanceof CreateBackend c) {
                byName.put(c.backend(), new BackendSpec(cluster, c.backend(), c.role(), c.target().node(), c.size(), c.mode()));
            } else if (a instanceof ReplaceBackend r) {
                byName.put(r.backend(), new BackendSpec(cluster, r.backend(), r.role(), r.target().node(), r.size(), r.mode()));
            } else if (a instanceof GrowBackend g) {
                byName.put(g.backend(), new BackendSpec(cluster, g.backend(), g.role(), g.node(), g.toSize(), g.mode()));
            } else if (a instanceof DeleteBackend d && d.reason() != DeleteBackend.Reason.RETIRED) {
                byName.remove(d.backend());
            }
        }
        List<BackendSpec> out = new ArrayList<>(byName.values());
        out.sort((a, b) -> Integer.compare(a.role().ordinal() * 100_000 + BackendNames.index(a.name()),
                b.role().ordinal() * 100_000 + BackendNames.index(b.name())));
        return out;
    }

    private static Set<String> reservedNames(List<Action> actions) {
        Set<String> out = new HashSet<>();
        for (Action a : actions) {
            if (a instanceof CreateBackend || a instanceof ReplaceBackend) {
                out.add(a.backend());
            }
        }
        return out;
    }
}
