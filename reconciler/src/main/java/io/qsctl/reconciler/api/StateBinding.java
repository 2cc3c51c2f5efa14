package io.qsctl.reconciler.api;

import java.util.Objects;
import java.util.Optional;

/**
 * The state a plan was made against: its lineage (empty when there was no state yet) and serial.
 * Applying the plan is refused once the state has moved on (Terraform's stale-plan check).
 */
public record StateBinding(Optional<String> lineage, long serial) {
    public StateBinding {
        Objects.requireNonNull(lineage, "lineage");
        if (serial < 0) {
            throw new IllegalArgumentException("serial cannot be negative");
        }
    }

    /** No state yet. */
    public static StateBinding none() {
        return new StateBinding(Optional.empty(), 0);
    }

    @Override
    public String toString() {
        return lineage.map(l -> "lineage " + l + ", serial " + serial).orElse("no state");
    }
}
