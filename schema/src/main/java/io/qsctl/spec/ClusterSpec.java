package io.qsctl.spec;

import java.util.List;
import java.util.Objects;

/** The {@code spec} of a StorageCluster with every default applied. */
public record ClusterSpec(Network network, ByteSize capacity, Redundancy redundancy, NodeSpec nodes,
                          MetadataSpec metadata, MountSpec mount, Signing signing, FundingSpec funding,
                          List<Notifier> notifiers) {
    public ClusterSpec {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(capacity, "capacity");
        Objects.requireNonNull(redundancy, "redundancy");
        Objects.requireNonNull(nodes, "nodes");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(mount, "mount");
        Objects.requireNonNull(signing, "signing");
        Objects.requireNonNull(funding, "funding");
        notifiers = List.copyOf(notifiers);
    }
}
