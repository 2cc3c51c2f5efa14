package io.qsctl.reconciler.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qsctl.common.QsctlException;
import io.qsctl.provider.BackendRole;
import io.qsctl.provider.ContractId;
import io.qsctl.provider.FarmId;
import io.qsctl.provider.NodeId;
import io.qsctl.provider.TwinId;
import io.qsctl.provider.ZdbMode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class ClusterStateJsonTest {

    private static final Instant T = Instant.parse("2026-11-24T10:00:00Z");

    static BackendRecord record(String name, long contract, BackendStatus status) {
        return new BackendRecord(name, BackendNames.role(name), new NodeId(contract + 1), new FarmId(3), "BE", 1L << 32,
                name.startsWith("data") ? ZdbMode.SEQ : ZdbMode.USER, new ContractId(contract), "ab".repeat(16),
                Optional.of("7-" + contract + "-" + name), Optional.of("[fd00::1]:9900"), status, 1, T, T);
    }

    @Test
    void aStateReadsBackEqual() {
        ClusterState state = new ClusterState(1, "photos", "local", Optional.of(new TwinId(7)), Optional.of("abc"),
                List.of(record("data-01", 101, BackendStatus.ACTIVE), record("meta-0", 104, BackendStatus.ACTIVE),
                        record("data-00", 100, BackendStatus.RETIRING)),
                List.of(new AvoidedNode(new NodeId(9), "refused", T)), false);
        assertThat(ClusterStateJson.fromJson(ClusterStateJson.toJson(state))).isEqualTo(state);
    }

    @Test
    void backendsAreListedDataFirstByNumericIndex() {
        ClusterState state = ClusterState.empty("c", "local").with(record("data-100", 3, BackendStatus.ACTIVE))
                .with(record("meta-0", 4, BackendStatus.ACTIVE)).with(record("data-99", 2, BackendStatus.ACTIVE));
        assertThat(state.backends()).extracting(BackendRecord::name).containsExactly("data-99", "data-100", "meta-0");
        assertThat(state.backends().get(2).role()).isEqualTo(BackendRole.METADATA);
    }

    @Test
    void anEmptyStateHasNoTwinAndNoSpecYet() {
        ClusterState state = ClusterStateJson.fromJson(ClusterStateJson.toJson(ClusterState.empty("c", "local")));
        assertThat(state.twin()).isEmpty();
        assertThat(state.specHash()).isEmpty();
        assertThat(state.backends()).isEmpty();
    }

    @Test
    void aStateFromANewerQsctlIsRefusedWithAdvice() {
        ObjectNode json = ClusterStateJson.toJson(ClusterState.empty("c", "local"));
        json.put("version", 99);
        assertThatThrownBy(() -> ClusterStateJson.fromJson(json)).isInstanceOf(QsctlException.class)
                .hasMessageContaining("newer qsctl").hasMessageContaining("upgrade");
    }

    @Test
    void aDamagedStateNamesTheField() {
        ObjectNode json = ClusterStateJson.toJson(ClusterState.empty("c", "local").with(record("data-00", 5,
                BackendStatus.ACTIVE)));
        ((ObjectNode) json.get("backends").get(0)).put("status", "sleeping");
        assertThatThrownBy(() -> ClusterStateJson.fromJson(json)).isInstanceOf(QsctlException.class)
                .hasMessageContaining("the state is damaged").hasMessageContaining("SLEEPING");
    }

}
