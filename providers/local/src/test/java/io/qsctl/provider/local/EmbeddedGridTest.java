package io.qsctl.provider.local;

import static io.qsctl.provider.local.Reservations.GIB;
import static io.qsctl.provider.local.Reservations.batch;
import static io.qsctl.provider.local.Reservations.deployment;
import static io.qsctl.provider.local.Reservations.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qsctl.provider.Contract;
import io.qsctl.provider.ContractState;
import io.qsctl.provider.Deployment;
import io.qsctl.provider.GridException;
import io.qsctl.provider.GridException.Kind;
import io.qsctl.provider.Node;
import io.qsctl.provider.NodeId;
import io.qsctl.provider.NodePage;
import io.qsctl.provider.NodeQuery;
import io.qsctl.provider.NodeStatus;
import io.qsctl.provider.ReservationBatch;
import io.qsctl.provider.Signed;
import io.qsctl.provider.Tft;
import io.qsctl.provider.TwinId;
import io.qsctl.provider.ZdbEndpoint;
import io.qsctl.provider.ZdbMode;
import io.qsctl.zdb.client.NamespaceInfo;
import io.qsctl.zdb.client.ZdbClientConfig;
import io.qsctl.zdb.client.ZdbConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded grid in process: its rules, with real engines and zdb servers but no HTTP. */
class EmbeddedGridTest {

    @TempDir
    Path home;

    private final ManualTime real = new ManualTime(Instant.parse("2026-05-01T00:00:00Z"));
    private EmbeddedGrid grid;
    private TestSigner signer;
    private TwinId twin;

    @BeforeEach
    void open() {
        grid = EmbeddedGrid.open(EmbeddedGrid.Settings.of(home).withRealTime(real));
        signer = new TestSigner();
        twin = grid.createTwin(signer.publicKeyHex());
    }

    @AfterEach
    void close() {
        grid.close();
    }

    private Node firstUpNodeWithFree(long bytes) {
        return grid.nodes(NodeQuery.forZdb(bytes)).nodes().get(0);
    }

    private List<Contract> reserve(Deployment... deployments) {
        ReservationBatch b = batch(twin, List.of(deployments));
        return grid.reserve(b, sign(signer, b));
    }

    @Test
    void aNewTwinGetsItsStartingFundsOnceAndRegisteringAgainIsHarmless() {
        assertThat(grid.balance(twin)).isEqualTo(Tft.of(1000));
        assertThat(grid.createTwin(signer.publicKeyHex())).isEqualTo(twin);
        assertThat(grid.twin(signer.publicKeyHex())).contains(twin);
        assertThat(grid.balance(twin)).isEqualTo(Tft.of(1000));
    }

    @Test
    void aReservedBackendIsANamespaceMadeAsZosMakesIt() throws Exception {
        Node node = firstUpNodeWithFree(10 * GIB);
        Deployment d = deployment(twin, "data-01", node.id().value(), 10 * GIB, ZdbMode.SEQ);
        Contract contract = reserve(d).get(0);
        assertThat(contract.state()).isEqualTo(ContractState.CREATED);
        assertThat(contract.deploymentHash()).isEqualTo(d.hash());
        ZdbEndpoint endpoint = grid.endpoint(contract.id()).orElseThrow();
        assertThat(endpoint.namespace()).isEqualTo(twin.value() + "-" + contract.id().value() + "-data-01");
        try (ZdbConnection admin = ZdbConnection.open(ZdbClientConfig.tcp("127.0.0.1", endpoint.port()))) {
            NamespaceInfo info = admin.nsinfo(endpoint.namespace());
            assertThat(info.flag("public")).contains(false);
            assertThat(info.flag("password")).contains(true);
            assertThat(info.longField("data_limits_bytes").getAsLong()).isEqualTo(10 * GIB);
            assertThat(info.field("mode").orElseThrow()).contains("seq");
        }
        try (ZdbConnection owner = ZdbConnection.open(ZdbClientConfig.tcp("127.0.0.1", endpoint.port())
                .withNamespace(endpoint.namespace(), d.password()))) {
            byte[] key = owner.insert("hello".getBytes(StandardCharsets.UTF_8));
            assertThat(owner.get(key)).hasValueSatisfying(v -> assertThat(new String(v, StandardCharsets.UTF_8)).isEqualTo("hello"));
        }
        assertThat(grid.node(node.id()).orElseThrow().used().hru()).isEqualTo(node.used().hru() + 10 * GIB);
    }

    @Test
    void reservingTheSameDeploymentAgainReturnsTheSameContract() {
        long node = firstUpNodeWithFree(GIB).id().value();
        Deployment d = deployment(twin, "meta-1", node, GIB, ZdbMode.USER);
        Contract first = reserve(d).get(0);
        Contract again = reserve(d).get(0);
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(grid.contracts(twin)).hasSize(1);
    }

    @Test
    void aSignatureByAnotherKeyIsRefused() {
        long node = firstUpNodeWithFree(GIB).id().value();
        ReservationBatch b = batch(twin, List.of(deployment(twin, "data-01", node, GIB, ZdbMode.SEQ)));
        Signed forged = new TestSigner().sign(b.signingPayload());
        assertThatThrownBy(() -> grid.reserve(b, forged)).isInstanceOfSatisfying(GridException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.BAD_SIGNATURE));
    }

    @Test
    void aSignatureThatIsNotHexIsRefusedAsABadSignature() {
        long node = firstUpNodeWithFree(GIB).id().value();
        ReservationBatch b = batch(twin, List.of(deployment(twin, "data-01", node, GIB, ZdbMode.SEQ)));
        Signed garbled = new Signed(b.signingPayload(), "zz".repeat(64));
        assertThatThrownBy(() -> grid.reserve(b, garbled)).isInstanceOfSatisfying(GridException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.BAD_SIGNATURE));
    }

    @Test
    void aDeploymentTheSignedPayloadDoesNotListIsRefused() {
        long node = firstUpNodeWithFree(GIB).id().value();
        ReservationBatch signedBatch = batch(twin, List.of(deployment(twin, "data-01", node, GIB, ZdbMode.SEQ)));
        ReservationBatch sent = batch(twin, List.of(deployment(twin, "data-01", node, 2 * GIB, ZdbMode.SEQ)));
        assertThatThrownBy(() -> grid.reserve(sent, sign(signer, signedBatch)))
                .isInstanceOfSatisfying(GridException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.BAD_SIGNATURE);
                    assertThat(e.getMessage()).contains("not in the signed payload");
                });
    }

    @Test
    void aNodeWithoutEnoughFreeHddRefusesAndSaysHowMuchItHas() {
        Node node = firstUpNodeWithFree(GIB);
        long tooMuch = node.freeHru() + GIB;
        assertThatThrownBy(() -> reserve(deployment(twin, "big", node.id().value(), tooMuch, ZdbMode.SEQ)))
                .isInstanceOfSatisfying(GridException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.NODE_REFUSED);
                    assertThat(e.getMessage()).contains("node " + node.id() + " has ").contains("free, the backend needs");
                });
    }

    @Test
    void aWalletThatCannotPayTheFirstHourMakesNoContract() {
        grid.drain(twin, Optional.empty());
        long node = firstUpNodeWithFree(GIB).id().value();
        assertThatThrownBy(() -> reserve(deployment(twin, "data-01", node, GIB, ZdbMode.SEQ)))
                .isInstanceOfSatisfying(GridException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.INSUFFICIENT_FUNDS);
                    assertThat(e.getMessage()).contains("has 0 TFT").contains("for its first hour");
                });
        assertThat(grid.contracts(twin)).isEmpty();
    }

    @Test
    void aStoppedNodeIsUnreachableAndComesBackOnItsPort() {
        Node node = firstUpNodeWithFree(GIB);
        Contract contract = reserve(deployment(twin, "data-01", node.id().value(), GIB, ZdbMode.SEQ)).get(0);
        int port = grid.endpoint(contract.id()).orElseThrow().port();
        assertThat(grid.stopNode(node.id()).status()).isEqualTo(NodeStatus.DOWN);
        assertThatThrownBy(() -> reserve(deployment(twin, "data-02", node.id().value(), GIB, ZdbMode.SEQ)))
                .isInstanceOfSatisfying(GridException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NODE_UNREACHABLE));
        assertThat(grid.nodes(NodeQuery.forZdb(GIB)).nodes()).extracting(Node::id).doesNotContain(node.id());
        assertThat(grid.startNode(node.id()).status()).isEqualTo(NodeStatus.UP);
        assertThat(grid.endpoint(contract.id()).orElseThrow().port()).isEqualTo(port);
    }

    @Test
    void growingRaisesTheLimitAndShrinkingIsRefused() throws Exception {
        long node = firstUpNodeWithFree(4 * GIB).id().value();
        Deployment small = deployment(twin, "data-01", node, GIB, ZdbMode.SEQ);
        Contract contract = reserve(small).get(0);
        Deployment bigger = deployment(twin, "data-01", node, 3 * GIB, ZdbMode.SEQ);
        Signed update = signer.sign(Signed.updatePayload("local", twin, contract.id(), bigger.hash(), 3 * GIB));
        assertThat(grid.grow(contract.id(), bigger, update).size()).isEqualTo(3 * GIB);
        ZdbEndpoint endpoint = grid.endpoint(contract.id()).orElseThrow();
        try (ZdbConnection admin = ZdbConnection.open(ZdbClientConfig.tcp("127.0.0.1", endpoint.port()))) {
            assertThat(admin.nsinfo(endpoint.namespace()).longField("data_limits_bytes").getAsLong()).isEqualTo(3 * GIB);
        }
        Deployment smaller = deployment(twin, "data-01", node, 2 * GIB, ZdbMode.SEQ);
        Signed shrink = signer.sign(Signed.updatePayload("local", twin, contract.id(), smaller.hash(), 2 * GIB));
        assertThatThrownBy(() -> grid.grow(contract.id(), smaller, shrink))
                .isInstanceOfSatisfying(GridException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.NODE_REFUSED);
                    assertThat(e.getMessage()).contains("never shrinks");
                });
    }

    @Test
    void cancellingDeletesTheNamespaceAndCancellingAgainSucceeds() throws Exception {
        long node = firstUpNodeWithFree(GIB).id().value();
        Contract contract = reserve(deployment(twin, "data-01", node, GIB, ZdbMode.SEQ)).get(0);
        ZdbEndpoint endpoint = grid.endpoint(contract.id()).orElseThrow();
        Signed cancel = signer.sign(Signed.cancelPayload("local", twin, contract.id()));
        grid.cancel(contract.id(), cancel);
        grid.cancel(contract.id(), cancel);
        assertThat(grid.contract(contract.id()).orElseThrow().state()).isEqualTo(ContractState.DELETED);
        assertThat(grid.contracts(twin)).isEmpty();
        assertThat(grid.endpoint(contract.id())).isEmpty();
        try (ZdbConnection admin = ZdbConnection.open(ZdbClientConfig.tcp("127.0.0.1", endpoint.port()))) {
            assertThat(admin.nslist()).doesNotContain(endpoint.namespace());
        }
    }

    @Test
    void aMonthWithoutMoneyEndsInGraceThenDeletion() {
        Node node = grid.nodes(NodeQuery.forZdb(8 * 1024 * GIB)).nodes().get(0);
        // 8 TiB costs 2.4 to 5.1 TFT an hour, depending on the node: 100 TFT last two days at most
        grid.drain(twin, Optional.of(Tft.of(900)));
        Contract contract = reserve(deployment(twin, "data-01", node.id().value(), 8 * 1024 * GIB, ZdbMode.SEQ)).get(0);
        grid.advance(Duration.ofDays(14));
        Contract graced = grid.contract(contract.id()).orElseThrow();
        assertThat(graced.state()).isEqualTo(ContractState.GRACE);
        assertThat(grid.balance(twin)).isEqualTo(Tft.ZERO);
        assertThat(grid.debt(twin).units()).isPositive();
        grid.advance(Duration.ofDays(14));
        assertThat(grid.contract(contract.id()).orElseThrow().state()).isEqualTo(ContractState.DELETED);
        assertThat(grid.node(node.id()).orElseThrow().used().hru()).isEqualTo(node.used().hru());
    }

    @Test
    void theWorldSurvivesARestart() {
        long node = firstUpNodeWithFree(GIB).id().value();
        Contract contract = reserve(deployment(twin, "data-01", node, GIB, ZdbMode.SEQ)).get(0);
        grid.advance(Duration.ofDays(2));
        Instant before = grid.now();
        grid.close();
        grid = EmbeddedGrid.open(EmbeddedGrid.Settings.of(home).withRealTime(real));
        assertThat(grid.now()).isEqualTo(before);
        assertThat(grid.contract(contract.id()).orElseThrow().state()).isEqualTo(ContractState.CREATED);
        assertThat(grid.balance(twin)).isLessThan(Tft.of(1000));
        assertThat(grid.twin(signer.publicKeyHex())).contains(twin);
    }

    @Test
    void nodeQueriesFilterAndPageAsTheGridProxyDoes() {
        NodePage be = grid.nodes(NodeQuery.all().withCountries(List.of("be")));
        assertThat(be.nodes()).isNotEmpty().allMatch(n -> n.country().equals("BE"));
        NodePage page = grid.nodes(NodeQuery.all().withPage(2, 10));
        assertThat(page.total()).isEqualTo(36);
        assertThat(page.nodes()).extracting(n -> n.id().value()).containsExactly(11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L,
                19L, 20L);
        NodePage roomy = grid.nodes(NodeQuery.forZdb(8 * 1024 * GIB));
        assertThat(roomy.nodes()).allMatch(n -> n.freeHru() >= 8 * 1024 * GIB && n.status() == NodeStatus.UP);
        NodePage excluded = grid.nodes(NodeQuery.all().withExcluded(List.of(new NodeId(1))));
        assertThat(excluded.total()).isEqualTo(35);
        NodePage down = grid.nodes(NodeQuery.all().withStatuses(List.of(NodeStatus.DOWN)));
        assertThat(down.nodes()).extracting(n -> n.id().value()).containsExactly(36L);
        NodePage byFree = grid.nodes(NodeQuery.all().withSort(Optional.of("free_hru"), false));
        assertThat(byFree.nodes().get(0).freeHru()).isGreaterThanOrEqualTo(byFree.nodes().get(1).freeHru());
    }
}
