package io.qsctl.reconciler.api;

import io.qsctl.provider.BackendRole;
import io.qsctl.provider.ContractId;
import io.qsctl.provider.FarmId;
import io.qsctl.provider.NodeId;
import io.qsctl.provider.ZdbMode;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One reserved backend as the state records it: which contract on which node holds the namespace
 * of backend {@code name}, and where it answers. Nothing secret: the namespace password is derived
 * from the identity whenever it is needed.
 *
 * <p>{@code generation} counts the changes made to this name: 1 when first created, +1 for each
 * grow, and a replacement starts at its predecessor's generation + 1.
 */
public record BackendRecord(String name, BackendRole role, NodeId node, FarmId farm, String country, long size,
                            ZdbMode mode, ContractId contract, String deploymentHash, Optional<String> namespace,
                            Optional<String> endpoint, BackendStatus status, int generation, Instant created,
                            Instant updated) {

    public BackendRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(farm, "farm");
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(contract, "contract");
        Objects.requireNonNull(deploymentHash, "deploymentHash");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(updated, "updated");
        if (size <= 0 || generation < 1) {
            throw new IllegalArgumentException("a backend has a positive size and generation");
        }
    }

    public BackendRecord withStatus(BackendStatus newStatus, Instant at) {
        return new BackendRecord(name, role, node, farm, country, size, mode, contract, deploymentHash, namespace,
                endpoint, newStatus, generation, created, at);
    }

    public BackendRecord withEndpoint(String newNamespace, String hostAndPort, Instant at) {
        return new BackendRecord(name, role, node, farm, country, size, mode, contract, deploymentHash,
                Optional.of(newNamespace), Optional.of(hostAndPort), BackendStatus.ACTIVE, generation, created, at);
    }

    public BackendRecord grown(long newSize, String newHash, Instant at) {
        return new BackendRecord(name, role, node, farm, country, newSize, mode, contract, newHash, namespace, endpoint,
                status, generation + 1, created, at);
    }

    /** {@code data-03 (contract 42 on node 12)}: how messages name a backend. */
    public String label() {
        return name + " (contract " + contract + " on node " + node + ")";
    }
}
