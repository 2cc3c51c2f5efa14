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
import io.qsctl.provider.NodeQuery;
import io.qsctl.provider.NodeStatus;
import io.qsctl.provider.ReservationBatch;
import io.qsctl.provider.Tft;
import io.qsctl.provider.TwinId;
import io.qsctl.provider.ZdbEndpoint;
import io.qsctl.provider.ZdbMode;
import io.qsctl.zdb.client.ZdbClientConfig;
import io.qsctl.zdb.client.ZdbConnection;
import io.qsctl.zdb.client.ZdbException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real daemon process on a temporary grid home, driven through {@link LocalGrid} and
 * {@link GridAdmin} as qsctl drives it, with namespaces used through the zdb client. One daemon
 * serves every test here; each test has its own twin, so they do not see each other's money.
 */
class LocalGridIT {

    @TempDir
    static Path home;

    static LocalGrid grid;
    static GridAdmin admin;
    static long daemonStartMillis;

    private TestSigner signer;
    private TwinId twin;

    @BeforeAll
    static void startDaemon() {
        long t0 = System.nanoTime();
        GridFile file = LocalGridLauncher.ensureRunning(home, 1);
        daemonStartMillis = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("daemon started in " + daemonStartMillis + " ms (pid " + file.pid() + ")");
        grid = LocalGrid.connect(home);
        admin = GridAdmin.connect(home);
    }

    @AfterAll
    static void stopDaemon() {
        grid.close();
        admin.close();
        assertThat(LocalGridLauncher.stop(home)).isTrue();
    }

    @BeforeEach
    void newTwin() {
        signer = new TestSigner();
        twin = grid.createTwin(signer.publicKeyHex());
    }

    private List<Contract> reserve(List<Deployment> deployments) {
        ReservationBatch b = batch(twin, deployments);
        return grid.reserve(b, sign(signer, b));
    }

    private Node roomyNode(long bytes) {
        return grid.nodes(NodeQuery.forZdb(bytes)).nodes().get(0);
    }

    private static ZdbConnection open(ZdbEndpoint endpoint, String password) {
        return ZdbConnection.open(ZdbClientConfig.tcp(endpoint.addresses().get(0), endpoint.port())
                .withNamespace(endpoint.namespace(), password)
                .withConnectTimeout(Duration.ofSeconds(2)));
    }

    @Test
    void theDaemonStartsInAFewSeconds() {
        assertThat(daemonStartMillis).isLessThan(10_000);
        assertThat(LocalGridLauncher.status(home).grid().orElseThrow().nodes()).isGreaterThanOrEqualTo(30);
    }

    @Test
    void aSignedBatchBecomesNamespacesThatAnswerWithTheirPasswords() {
        Node node = roomyNode(GIB);
        Deployment data = deployment(twin, "data-01", node.id().value(), GIB, ZdbMode.SEQ);
        Deployment meta = deployment(twin, "meta-1", node.id().value(), GIB, ZdbMode.USER);
        List<Contract> contracts = reserve(List.of(data, meta));
        assertThat(contracts).extracting(Contract::state).containsOnly(ContractState.CREATED);
        ZdbEndpoint endpoint = grid.endpoint(contracts.get(1).id()).orElseThrow();
        assertThat(endpoint.addresses()).containsExactly("127.0.0.1");
        try (ZdbConnection zdb = open(endpoint, meta.password())) {
            zdb.set(bytes("segment-1"), bytes("shard"));
            assertThat(zdb.get(bytes("segment-1"))).hasValueSatisfying(v -> assertThat(text(v)).isEqualTo("shard"));
        }
        assertThatThrownBy(() -> open(endpoint, "wrong").get(bytes("segment-1"))).isInstanceOf(ZdbException.class);
        List<Contract> again = reserve(List.of(data, meta));
        assertThat(again).extracting(Contract::id).containsExactlyElementsOf(contracts.stream().map(Contract::id).toList());
        assertThat(grid.contracts(twin)).hasSize(2);
    }

    @Test
    void twentyBackendsAreReservedInWellUnderTenSeconds() {
        List<Node> nodes = grid.nodes(NodeQuery.forZdb(10 * GIB)).nodes();
        List<Deployment> deployments = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            deployments.add(deployment(twin, String.format("data-%02d", i), nodes.get(i % nodes.size()).id().value(),
                    10 * GIB, ZdbMode.SEQ));
        }
        long t0 = System.nanoTime();
        List<Contract> contracts = reserve(deployments);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("reserved 20 backends in " + millis + " ms");
        assertThat(contracts).hasSize(20);
        assertThat(millis).isLessThan(5_000);
        assertThat(grid.quote(deployments.stream().map(Deployment::backend).toList()).lines()).hasSize(20);
    }

    @Test
    void aWalletThatCannotPayIsRefusedWithItsBalanceAndTheCost() {
        admin.drain(twin, Optional.of(Tft.parse("999.9999")));
        Node node = roomyNode(1024 * GIB);
        assertThatThrownBy(() -> reserve(List.of(deployment(twin, "data-01", node.id().value(), 1024 * GIB, ZdbMode.SEQ))))
                .isInstanceOfSatisfying(GridException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.INSUFFICIENT_FUNDS);
                    assertThat(e.getMessage()).contains("has 0.0001 TFT").contains("for its first hour");
                });
    }

    @Test
    void aStoppedNodeIsUnreachableUntilItStartsAgain() {
        Node node = roomyNode(GIB);
        Deployment d = deployment(twin, "data-01", node.id().value(), GIB, ZdbMode.SEQ);
        Contract contract = reserve(List.of(d)).get(0);
        ZdbEndpoint endpoint = grid.endpoint(contract.id()).orElseThrow();
        assertThat(admin.stopNode(node.id()).status()).isEqualTo(NodeStatus.DOWN);
        try {
            assertThat(grid.node(node.id()).orElseThrow().healthy()).isFalse();
            assertThatThrownBy(() -> reserve(List.of(deployment(twin, "data-02", node.id().value(), GIB, ZdbMode.SEQ))))
                    .isInstanceOfSatisfying(GridException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NODE_UNREACHABLE));
            assertThatThrownBy(() -> open(endpoint, d.password()).ping()).isInstanceOf(ZdbException.class);
            assertThat(grid.contract(contract.id()).orElseThrow().state()).isEqualTo(ContractState.CREATED);
        } finally {
            admin.startNode(node.id());
        }
        ZdbEndpoint back = grid.endpoint(contract.id()).orElseThrow();
        try (ZdbConnection zdb = open(back, d.password())) {
            assertThat(zdb.insert(bytes("after restart"))).isNotEmpty();
        }
    }

    @Test
    void aWipedNodeLosesItsNamespacesButNotItsContracts() {
        Node node = roomyNode(GIB);
        Deployment d = deployment(twin, "data-01", node.id().value(), GIB, ZdbMode.SEQ);
        Contract contract = reserve(List.of(d)).get(0);
        ZdbEndpoint endpoint = grid.endpoint(contract.id()).orElseThrow();
        try (ZdbConnection zdb = open(endpoint, d.password())) {
            zdb.insert(bytes("soon gone"));
        }
        assertThat(admin.wipeNode(node.id())).isGreaterThanOrEqualTo(1);
        assertThat(grid.contract(contract.id()).orElseThrow().state()).isEqualTo(ContractState.CREATED);
        assertThatThrownBy(() -> open(endpoint, d.password()).ping()).isInstanceOf(ZdbException.class);
    }

    @Test
    void graceLocksTheNamespaceFundsUnlockItAndFourteenDaysDeleteIt() {
        Node node = roomyNode(4 * 1024 * GIB);
        Deployment d = deployment(twin, "data-01", node.id().value(), 4 * 1024 * GIB, ZdbMode.USER);
        Contract contract = reserve(List.of(d)).get(0);
        ZdbEndpoint endpoint = grid.endpoint(contract.id()).orElseThrow();
        try (ZdbConnection zdb = open(endpoint, d.password())) {
            zdb.set(bytes("k"), bytes("v1"));
        }
        admin.drain(twin, Optional.of(Tft.parse("990")));
        admin.advanceClock(Duration.ofDays(3));
        assertThat(grid.contract(contract.id()).orElseThrow().state()).isEqualTo(ContractState.GRACE);
        try (ZdbConnection zdb = open(endpoint, d.password())) {
            assertThat(zdb.get(bytes("k"))).hasValueSatisfying(v -> assertThat(text(v)).isEqualTo("v1"));
            assertThatThrownBy(() -> zdb.set(bytes("k"), bytes("v2")))
                    .isInstanceOf(ZdbException.class).hasMessageContaining("Namespace is temporarily locked");
        }
        admin.fund(twin, Tft.of(1000));
        assertThat(grid.contract(contract.id()).orElseThrow().state()).isEqualTo(ContractState.CREATED);
        try (ZdbConnection zdb = open(endpoint, d.password())) {
            zdb.set(bytes("k"), bytes("v2"));
        }
        admin.drain(twin, Optional.empty());
        admin.advanceClock(Duration.ofDays(1));
        Contract graced = grid.contract(contract.id()).orElseThrow();
        assertThat(graced.state()).isEqualTo(ContractState.GRACE);
        admin.advanceClock(Duration.ofDays(14));
        assertThat(grid.contract(contract.id()).orElseThrow().state()).isEqualTo(ContractState.DELETED);
        assertThat(grid.endpoint(contract.id())).isEmpty();
        assertThat(grid.contracts(twin)).isEmpty();
    }

    @Test
    void twoClientsOfOneHomeSeeTheSameGrid() {
        Contract contract = reserve(List.of(deployment(twin, "data-01", roomyNode(GIB).id().value(), GIB, ZdbMode.SEQ)))
                .get(0);
        GridFile again = LocalGridLauncher.ensureRunning(home, 1);
        assertThat(again.pid()).isEqualTo(GridFile.read(home).orElseThrow().pid());
        try (LocalGrid other = LocalGrid.connect(home)) {
            assertThat(other.twin(signer.publicKeyHex())).contains(twin);
            assertThat(other.contracts(twin)).extracting(Contract::id).containsExactly(contract.id());
            assertThat(other.balance(twin)).isEqualTo(grid.balance(twin));
        }
    }

    @Test
    void aSecondDaemonOnTheSameHomeRefusesToStart() throws Exception {
        Process second = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), GridDaemon.class.getName(), "--home", home.toString())
                .redirectErrorStream(true).start();
        String output = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(second.waitFor()).isEqualTo(1);
        assertThat(output).contains("another grid daemon (pid " + GridFile.read(home).orElseThrow().pid() + ")");
        assertThat(LocalGridLauncher.status(home).running()).isTrue();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
