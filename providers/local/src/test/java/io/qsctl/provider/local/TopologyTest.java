package io.qsctl.provider.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TopologyTest {

    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    @Test
    void hasAtLeastSixFarmsInFiveCountriesAndThirtyNodes() {
        World world = Topology.generate(1, NOW).world();
        assertThat(world.farms()).hasSizeGreaterThanOrEqualTo(6);
        assertThat(world.nodes().stream().map(NodeRecord::country).collect(Collectors.toSet())).hasSizeGreaterThanOrEqualTo(5);
        assertThat(world.nodes()).hasSizeGreaterThanOrEqualTo(30);
        assertThat(world.farms().stream().filter(FarmRecord::certified)).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void nodesDifferInSizeUptimeAndPrice() {
        World world = Topology.generate(1, NOW).world();
        assertThat(world.nodes().stream().map(NodeRecord::hru).collect(Collectors.toSet())).hasSizeGreaterThanOrEqualTo(5);
        assertThat(world.nodes().stream().map(NodeRecord::bootedAt).collect(Collectors.toSet())).hasSizeGreaterThan(30);
        assertThat(world.nodes().stream().map(NodeRecord::priceMille).collect(Collectors.toSet())).hasSizeGreaterThan(5);
        assertThat(world.nodes().stream().mapToLong(NodeRecord::hru).min().orElseThrow()).isEqualTo(500 * Topology.GIB);
        assertThat(world.nodes().stream().mapToLong(NodeRecord::hru).max().orElseThrow()).isEqualTo(16 * Topology.TIB);
    }

    @Test
    void someNodesAreNearlyFullBecauseAnotherTenantHoldsContractsThere() {
        Topology.Generated generated = Topology.generate(1, NOW);
        long nearlyFull = generated.tenantContracts().stream().filter(tc -> {
            NodeRecord node = generated.world().node(tc.node()).orElseThrow();
            return node.hru() - tc.size() <= node.hru() / 50;
        }).count();
        assertThat(nearlyFull).isGreaterThanOrEqualTo(3);
    }

    @Test
    void theSameSeedGivesTheSameWorldAndAnotherSeedAnother() {
        Set<String> a = describe(Topology.generate(7, NOW).world());
        assertThat(describe(Topology.generate(7, NOW).world())).isEqualTo(a);
        assertThat(describe(Topology.generate(8, NOW).world())).isNotEqualTo(a);
    }

    private static Set<String> describe(World world) {
        return world.nodes().stream().map(NodeRecord::toString).collect(Collectors.toSet());
    }
}
