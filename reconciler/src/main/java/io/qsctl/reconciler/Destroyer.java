package io.qsctl.reconciler;

import io.qsctl.provider.Grid;
import io.qsctl.provider.TwinId;
import java.util.Optional;

/**
 * {@code qsctl destroy}: cancels every contract of the cluster — every backend in the state, and
 * every contract of the twin labelled with this cluster that the state does not list — each one
 * journalled and saved as it goes, then marks the state destroyed (no backends). Cancelling is
 * idempotent, so a destroy that stopped part-way is simply run again (after resume). What is left
 * on the grid afterwards: nothing of this cluster.
 */
public final class Destroyer {

    private final Planner planner;
    private final Applier applier;

    public Destroyer(Grid grid, Applier applier) {
        this.planner = new Planner(grid);
        this.applier = applier;
    }

    /** What destroy would cancel (show it, ask for {@code --confirm=<cluster>}, then {@link #destroy}). */
    public Plan plan(ClusterState state, StateBinding binding, Optional<TwinId> twin) {
        return planner.planDestroy(state, binding, twin);
    }

    public ApplyResult destroy(Plan plan, ApplyListener listener) {
        return applier.destroy(plan, listener);
    }
}
