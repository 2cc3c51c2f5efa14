package io.qsctl.zstor.health;

import java.util.Objects;

/** A state and why, in words an operator can act on (never a password). */
public record Classification(HealthState state, String reason) {

    public Classification {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
    }

    public static Classification healthy() {
        return new Classification(HealthState.HEALTHY, "ok");
    }
}
