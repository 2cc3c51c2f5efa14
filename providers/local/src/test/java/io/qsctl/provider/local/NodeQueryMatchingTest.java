package io.qsctl.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qsctl.provider.FarmId;
import io.qsctl.provider.Node;
import io.qsctl.provider.NodeId;
import io.qsctl.provider.NodeQuery;
import io.qsctl.provider.NodeStatus;
import io.qsctl.provider.Resources;
import io.qsctl.provider.TwinId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The query the embedded grid answers with, as the daemon receives it: grid proxy parameters. */
class NodeQueryMatchingTest {

    private static final long GIB = 1024L * 1024 * 1024;

    private static Node node(long id, String country, String farm, NodeStatus status, long freeGib) {
        return new Node(new NodeId(id), new FarmId(id % 3 + 1), farm, new TwinId(100 + id), country, "City", status,
                status == NodeStatus.UP, new Resources(8, 0, 0, 1000 * GIB), new Resources(0, 0, 0, (1000 - freeGib) * GIB),
                3600, Instant.EPOCH, false, BigDecimal.ONE, List.of("zdb"));
    }

    private static NodeQuery parsed(Map<String, String> parameters) {
        return NodeQuery.fromParameters(parameters);
    }

    @Test
    void theGridProxysParameterNamesSelectTheNodes() {
        Node be = node(1, "BE", "freefarm", NodeStatus.UP, 500);
        Node nl = node(2, "NL", "dutch-dc", NodeStatus.UP, 50);
        Node down = node(3, "BE", "freefarm", NodeStatus.DOWN, 900);
        assertThat(parsed(Map.of("country", "BE,NL", "free_hru", Long.toString(100 * GIB), "status", "up")).matches(be))
                .isTrue();
        assertThat(parsed(Map.of("free_hru", Long.toString(100 * GIB))).matches(nl)).isFalse();
        assertThat(parsed(Map.of("status", "up")).matches(down)).isFalse();
        assertThat(parsed(Map.of("healthy", "true")).matches(down)).isFalse();
        assertThat(parsed(Map.of("farm_name", "FreeFarm")).matches(be)).isTrue();
        assertThat(parsed(Map.of("excluded", "1,2")).matches(be)).isFalse();
        assertThat(parsed(Map.of("node_ids", "2")).matches(nl)).isTrue();
        assertThat(parsed(Map.of("features", "zdb")).matches(nl)).isTrue();
        assertThat(parsed(Map.of("features", "zdb,gpu")).matches(nl)).isFalse();
    }

    @Test
    void aQueryTravelsAsParametersAndArrivesUnchanged() {
        NodeQuery query = NodeQuery.forZdb(200 * GIB).withCountries(List.of("BE", "DE"))
                .withExcluded(List.of(new NodeId(4))).withFarmIds(List.of(new FarmId(2))).withPage(2, 20)
                .withSort(Optional.of("free_hru"), false);
        assertThat(NodeQuery.fromParameters(query.toParameters())).isEqualTo(query);
    }

    @Test
    void anUnknownFilterIsRefusedRatherThanIgnored() {
        assertThatThrownBy(() -> parsed(Map.of("contry", "BE"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("contry");
    }
}
