package io.qsctl.cli.status;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One kubectl-style condition of a cluster: {@code type} holds ({@link Status#TRUE}), does not, or
 * cannot be told; {@code reason} is a CamelCase word for scripts, {@code message} is for people
 * and names the command that fixes it; {@code since} is when this status began (set by
 * {@link ConditionLog}, empty until then).
 */
public record Condition(String type, Status status, String reason, String message, Optional<Instant> since) {

    /** The condition's truth, spelled as Kubernetes spells it. */
    public enum Status {
        TRUE("True"), FALSE("False"), UNKNOWN("Unknown");

        private final String id;

        Status(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Status fromId(String id) {
            for (Status s : values()) {
                if (s.id.equals(id)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("not a condition status: " + id);
        }
    }

    public static final String READY = "Ready";
    public static final String BACKENDS_HEALTHY = "BackendsHealthy";
    public static final String CAPACITY_AVAILABLE = "CapacityAvailable";
    public static final String FUNDED = "Funded";
    public static final String SYNCED = "Synced";

    public Condition {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(since, "since");
        if (!reason.matches("[A-Z][A-Za-z]*")) {
            throw new IllegalArgumentException("a reason is one CamelCase word: " + reason);
        }
    }

    public static Condition of(String type, Status status, String reason, String message) {
        return new Condition(type, status, reason, message, Optional.empty());
    }

    public Condition since(Instant at) {
        return new Condition(type, status, reason, message, Optional.of(at));
    }

    public boolean holds() {
        return status == Status.TRUE;
    }
}
