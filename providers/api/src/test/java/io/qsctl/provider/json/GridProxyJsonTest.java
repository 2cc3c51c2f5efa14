package io.qsctl.provider.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qsctl.provider.Contract;
import io.qsctl.provider.ContractId;
import io.qsctl.provider.ContractState;
import io.qsctl.provider.Farm;
import io.qsctl.provider.FarmId;
import io.qsctl.provider.Node;
import io.qsctl.provider.NodeId;
import io.qsctl.provider.NodeStatus;
import io.qsctl.provider.Resources;
import io.qsctl.provider.TwinId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class GridProxyJsonTest {

    private static final long GIB = 1024L * 1024 * 1024;
    private static final Node NODE = new Node(new NodeId(17), new FarmId(3), "rhein-nodes", new TwinId(40), "DE", "Berlin",
            NodeStatus.UP, true, new Resources(16, 64 * GIB, 512 * GIB, 8192 * GIB), new Resources(0, 0, 0, 100 * GIB),
            86_400, Instant.parse("2026-05-01T10:00:00Z"), true, new BigDecimal("37.42"), List.of("zdb"));

    /** Through text, as it travels. */
    private static JsonNode wire(JsonNode json) {
        return JsonMapper.shared().readTree(JsonMapper.shared().writeValueAsString(json));
    }

    @Test
    void aListedNodeHasTheGridProxysFlatFieldsAndReadsBackEqual() {
        JsonNode json = wire(GridProxyJson.node(NODE));
        assertThat(json.path("nodeId").asLong()).isEqualTo(17);
        assertThat(json.path("farmName").asString()).isEqualTo("rhein-nodes");
        assertThat(json.path("total_resources").path("hru").asLong()).isEqualTo(8192 * GIB);
        assertThat(json.path("used_resources").path("hru").asLong()).isEqualTo(100 * GIB);
        assertThat(json.path("status").asString()).isEqualTo("up");
        assertThat(json.path("certificationType").asString()).isEqualTo("Certified");
        assertThat(json.path("location").path("city").asString()).isEqualTo("Berlin");
        assertThat(json.path("features").get(0).asString()).isEqualTo("zdb");
        assertThat(GridProxyJson.node(json)).isEqualTo(NODE);
    }

    @Test
    void aSingleNodeNestsItsCapacityAndReadsBackEqual() {
        JsonNode json = wire(GridProxyJson.nodeWithCapacity(NODE));
        assertThat(json.has("total_resources")).isFalse();
        assertThat(json.path("capacity").path("total_resources").path("hru").asLong()).isEqualTo(8192 * GIB);
        assertThat(GridProxyJson.node(json)).isEqualTo(NODE);
    }

    @Test
    void aFarmReadsBackEqual() {
        Farm farm = new Farm(new FarmId(3), "rhein-nodes", new TwinId(5), true);
        JsonNode json = wire(GridProxyJson.farm(farm));
        assertThat(json.path("farmId").asLong()).isEqualTo(3);
        assertThat(GridProxyJson.farm(json)).isEqualTo(farm);
    }

    @Test
    void aContractHasTheGridProxysShapeWithNodeDetails() {
        Contract contract = new Contract(new ContractId(12), new TwinId(77), new NodeId(17), ContractState.GRACE,
                "0123456789abcdef0123456789abcdef", "{\"v\":1}", 10 * GIB, Instant.parse("2026-05-01T10:00:00Z"),
                Optional.of(Instant.parse("2026-05-09T11:00:00Z")));
        JsonNode json = wire(GridProxyJson.contract(contract, new Farm(new FarmId(3), "rhein-nodes", new TwinId(5), true)));
        assertThat(json.path("contract_id").asLong()).isEqualTo(12);
        assertThat(json.path("state").asString()).isEqualTo("GracePeriod");
        assertThat(json.path("type").asString()).isEqualTo("node");
        assertThat(json.path("created_at").asLong()).isEqualTo(contract.created().getEpochSecond());
        JsonNode details = json.path("details");
        assertThat(details.path("nodeId").asLong()).isEqualTo(17);
        assertThat(details.path("deployment_hash").asString()).isEqualTo(contract.deploymentHash());
        assertThat(details.path("farm_name").asString()).isEqualTo("rhein-nodes");
        assertThat(details.path("farm_id").asLong()).isEqualTo(3);
        assertThat(GridProxyJson.contract(json)).isEqualTo(contract);
    }

    @Test
    void aContractFromTheRealProxyWithoutOurExtraFieldsStillReads() {
        JsonNode json = JsonMapper.shared().readTree("""
                {"contract_id":5,"twin_id":9,"state":"OutOfFunds","created_at":1700000000,"type":"node",
                 "details":{"nodeId":11,"deployment_data":"x","deployment_hash":"ab","number_of_public_ips":0}}""");
        Contract c = GridProxyJson.contract(json);
        assertThat(c.state()).isEqualTo(ContractState.DELETED);
        assertThat(c.size()).isZero();
        assertThat(c.graceSince()).isEmpty();
    }

    @Test
    void contractStatesUseTheGridProxysNames() {
        for (ContractState state : ContractState.values()) {
            assertThat(GridProxyJson.state(GridProxyJson.stateName(state))).isEqualTo(state);
        }
        assertThatThrownBy(() -> GridProxyJson.state("Paused")).isInstanceOf(IllegalArgumentException.class);
    }
}
