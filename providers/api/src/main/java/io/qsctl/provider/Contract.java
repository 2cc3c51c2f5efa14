package io.qsctl.provider;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A node contract as the chain knows it. {@code deploymentHash} is what the owner signed for the
 * deployment, which makes a reservation idempotent: the same deployment is never contracted
 * twice. {@code deploymentData} is the small public label we attach (cluster and backend name).
 */
public record Contract(ContractId id, TwinId twin, NodeId node, ContractState state, String deploymentHash,
                       String deploymentData, long size, Instant created, Optional<Instant> graceSince) {
    public Contract {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(twin, "twin");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(deploymentHash, "deploymentHash");
        Objects.requireNonNull(deploymentData, "deploymentData");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(graceSince, "graceSince");
    }
}
