package io.qsctl.reconciler.api;

import java.time.Duration;
import java.util.List;

/** A completed apply or destroy: what it did, the state it left (and that version's serial), how long it took. */
public record ApplyResult(Plan plan, ClusterState state, long serial, List<Action> done, Duration elapsed) {

    public ApplyResult {
        done = List.copyOf(done);
    }

    /** {@code Apply complete! 3 created, 0 grown, 1 replaced, 2 deleted.} */
    public String summary() {
        long created = done.stream().filter(CreateBackend.class::isInstance).count();
        long grown = done.stream().filter(GrowBackend.class::isInstance).count();
        long replaced = done.stream().filter(ReplaceBackend.class::isInstance).count();
        long deleted = done.stream().filter(DeleteBackend.class::isInstance).count();
        if (plan.mode() == PlanMode.DESTROY) {
            return "Destroy complete! " + deleted + " backend" + (deleted == 1 ? "" : "s") + " deleted.";
        }
        return "Apply complete! " + created + " created, " + grown + " grown, " + replaced + " replaced, " + deleted
                + " deleted.";
    }
}
