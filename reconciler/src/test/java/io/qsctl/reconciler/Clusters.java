package io.qsctl.reconciler;

import io.qsctl.spec.ByteSize;
import io.qsctl.spec.ClusterSpec;
import io.qsctl.spec.FarmRef;
import io.qsctl.spec.FundingSpec;
import io.qsctl.spec.MetadataSpec;
import io.qsctl.spec.MountSpec;
import io.qsctl.spec.Network;
import io.qsctl.spec.NodeSpec;
import io.qsctl.spec.Placement;
import io.qsctl.spec.Redundancy;
import io.qsctl.spec.Signing;
import io.qsctl.spec.Spread;
import io.qsctl.spec.StorageCluster;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Storage clusters for tests, built as the loader would give them (every default filled in). */
final class Clusters {

    private final String name;
    private long capacityGib = 40;
    private int data = 4;
    private int parity = 2;
    private int count = 6;
    private int metadata = 4;
    private long metadataGib = 1;
    private List<String> countries = List.of();
    private List<FarmRef> farms = List.of();
    private List<Long> nodeIds = List.of();
    private List<Long> exclude = List.of();
    private Spread spread = Spread.FARM;

    private Clusters(String name) {
        this.name = name;
    }

    static Clusters named(String name) {
        return new Clusters(name);
    }

    Clusters capacityGib(long value) {
        capacityGib = value;
        return this;
    }

    Clusters redundancy(int dataShards, int parityShards) {
        data = dataShards;
        parity = parityShards;
        return this;
    }

    Clusters count(int value) {
        count = value;
        return this;
    }

    Clusters metadata(int backends) {
        metadata = backends;
        return this;
    }

    Clusters countries(String... value) {
        countries = List.of(value);
        return this;
    }

    Clusters farms(FarmRef... value) {
        farms = List.of(value);
        return this;
    }

    Clusters nodeIds(Long... value) {
        nodeIds = List.of(value);
        return this;
    }

    Clusters exclude(Long... value) {
        exclude = List.of(value);
        return this;
    }

    Clusters spread(Spread value) {
        spread = value;
        return this;
    }

    StorageCluster build() {
        return new StorageCluster(name, Map.of(), new ClusterSpec(Network.LOCAL, ByteSize.ofGibibytes(capacityGib),
                new Redundancy(data, parity), new NodeSpec(count, new Placement(countries, farms, nodeIds, exclude, spread)),
                new MetadataSpec(metadata, ByteSize.ofGibibytes(metadataGib)),
                new MountSpec(Optional.empty(), ByteSize.ofGibibytes(1), ByteSize.ofMebibytes(64),
                        ByteSize.ofMebibytes(256)),
                Signing.LOCAL, new FundingSpec(30, 14), List.of()));
    }
}
