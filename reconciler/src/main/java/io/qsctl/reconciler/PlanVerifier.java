package io.qsctl.reconciler;

import io.qsctl.common.ExitCode;
import io.qsctl.common.QsctlException;
import io.qsctl.provider.Grid;
import io.qsctl.provider.Node;
import io.qsctl.provider.NodeStatus;
import io.qsctl.provider.TwinId;
import io.qsctl.reconciler.api.Action;
import io.qsctl.reconciler.api.CreateBackend;
import io.qsctl.reconciler.api.NodeChoice;
import io.qsctl.reconciler.api.Plan;
import io.qsctl.reconciler.api.ReplaceBackend;
import io.qsctl.reconciler.api.SpecHash;
import io.qsctl.reconciler.api.StateBinding;
import io.qsctl.spec.StorageCluster;
import io.qsctl.state.StateSnapshot;
import java.util.Optional;

/**
 * The checks before a plan runs. A plan is refused (exit code 4, nothing done) when it is stale:
 * the state's lineage or serial moved since it was made, the spec's hash differs, its quote
 * expired, the identity's twin is not the plan's, or a node it chose is no longer up, healthy
 * and roomy enough. An apply is also refused (exit code 3) while an interrupted apply's journal
 * entries are unresolved: resume first.
 */
final class PlanVerifier {

    private PlanVerifier() {
    }

    static void verify(Plan plan, Optional<StorageCluster> cluster, Optional<StateSnapshot> current, Store store,
                       Grid grid, Optional<TwinId> twin, String resumeCommand) {
        if (!plan.network().equals(grid.info().network())) {
            throw QsctlException.conflict("the plan is for the " + plan.network() + " grid, not " + grid.info().network());
        }
        if (cluster.isPresent()) {
            if (!cluster.get().name().equals(plan.cluster())) {
                throw QsctlException.conflict("the plan is for cluster " + plan.cluster() + ", not "
                        + cluster.get().name());
            }
            String hash = SpecHash.of(cluster.get());
            if (!hash.equals(plan.specHash())) {
                throw QsctlException.conflict("the plan was made for a different spec (spec hash " + abbrev(plan.specHash())
                        + ", the spec now has " + abbrev(hash) + "); plan again");
            }
        }
        checkState(plan, current);
        if (!store.unresolved().isEmpty()) {
            throw new QsctlException(ExitCode.PARTIAL, "an earlier apply was interrupted: " + store.unresolved().size()
                    + " of its actions may or may not have happened. Resume it first: " + resumeCommand);
        }
        if (grid.now().isAfter(plan.quote().expires())) {
            throw QsctlException.conflict("the plan's price quote expired at " + plan.quote().expires()
                    + "; plan again for current prices");
        }
        if (plan.twin().isPresent() && !plan.twin().equals(twin)) {
            throw QsctlException.conflict("the plan was made for twin " + plan.twin().get() + ", but this identity is "
                    + twin.map(t -> "twin " + t).orElse("not registered") + " on the " + plan.network() + " grid");
        }
        for (Action a : plan.actions()) {
            NodeChoice target = a instanceof CreateBackend c ? c.target()
                    : a instanceof ReplaceBackend r ? r.target() : null;
            long size = a instanceof CreateBackend c ? c.size() : a instanceof ReplaceBackend r ? r.size() : 0;
            if (target != null) {
                Optional<String> problem = nodeProblem(grid.node(target.node()), size);
                if (problem.isPresent()) {
                    throw QsctlException.conflict("the grid changed since the plan was made: node " + target.node()
                            + ", chosen for " + a.backend() + ", " + problem.get() + "; plan again");
                }
            }
        }
    }

    private static void checkState(Plan plan, Optional<StateSnapshot> current) {
        StateBinding bound = plan.state();
        if (bound.lineage().isEmpty()) {
            if (current.isPresent()) {
                throw QsctlException.conflict("the plan is stale: it was made when the cluster had no state, and a state"
                        + " now exists (serial " + current.get().serial() + "); plan again");
            }
            return;
        }
        if (current.isEmpty()) {
            throw QsctlException.conflict("the plan does not match the state: it was made against state "
                    + bound.lineage().get() + ", and there is no state now");
        }
        if (!current.get().lineage().toString().equals(bound.lineage().get())) {
            throw QsctlException.conflict("the plan does not match the state: it was made against lineage "
                    + bound.lineage().get() + ", the state's lineage is " + current.get().lineage());
        }
        if (current.get().serial() != bound.serial()) {
            throw QsctlException.conflict("the plan is stale: the state was changed by another operation after the plan"
                    + " was made (serial " + bound.serial() + " then, " + current.get().serial() + " now); plan again");
        }
    }

    private static Optional<String> nodeProblem(Optional<Node> node, long size) {
        if (node.isEmpty()) {
            return Optional.of("has left the grid");
        }
        Node n = node.get();
        if (n.status() != NodeStatus.UP) {
            return Optional.of("is " + n.status().id());
        }
        if (!n.healthy()) {
            return Optional.of("does not answer the grid");
        }
        if (n.freeHru() < size) {
            return Optional.of("no longer has room for it");
        }
        return Optional.empty();
    }

    private static String abbrev(String hash) {
        return hash.length() > 12 ? hash.substring(0, 12) : hash;
    }
}
