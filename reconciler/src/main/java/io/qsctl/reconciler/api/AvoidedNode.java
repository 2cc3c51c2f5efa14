package io.qsctl.reconciler.api;

import io.qsctl.provider.NodeId;
import java.time.Instant;
import java.util.Objects;

/**
 * A node that refused a reservation or did not answer during an apply. Planning passes it over
 * until {@code until}, so that resuming does not pick the same failing node again and again.
 */
public record AvoidedNode(NodeId node, String reason, Instant until) {
    public AvoidedNode {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(until, "until");
    }
}
