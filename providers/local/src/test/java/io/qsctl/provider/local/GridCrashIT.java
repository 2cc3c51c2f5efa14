package io.qsctl.provider.local;

import static io.qsctl.provider.local.Reservations.GIB;
import static io.qsctl.provider.local.Reservations.batch;
import static io.qsctl.provider.local.Reservations.deployment;
import static io.qsctl.provider.local.Reservations.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.qsctl.provider.Contract;
import io.qsctl.provider.ContractState;
import io.qsctl.provider.Deployment;
import io.qsctl.provider.GridException;
import io.qsctl.provider.NodeQuery;
import io.qsctl.provider.ReservationBatch;
import io.qsctl.provider.Tft;
import io.qsctl.provider.TwinId;
import io.qsctl.provider.ZdbEndpoint;
import io.qsctl.provider.ZdbMode;
import io.qsctl.zdb.client.ZdbClientConfig;
import io.qsctl.zdb.client.ZdbConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The grid daemon killed while contracts expire, at the points where a crash could make the
 * ledger and the nodes' files disagree ({@link CrashPoint}, which halts the daemon as
 * {@code kill -9} does), and with a real {@code kill -9} in the middle of a ten-year clock
 * advance. After a restart the saved ledger and the files always agree: a contract the ledger
 * calls live has its namespace and its data, a deleted one has no files left.
 */
class GridCrashIT {

    @TempDir
    Path home;

    private final TestSigner signer = new TestSigner();

    @AfterEach
    void stop() {
        LocalGridLauncher.stop(home);
    }

    /** A daemon that halts, as if killed, when it reaches {@code point}. */
    private GridFile startHaltingAt(CrashPoint point) {
        System.setProperty(CrashPoint.PROPERTY, point.id());
        try {
            return LocalGridLauncher.ensureRunning(home, 1);
        } finally {
            System.clearProperty(CrashPoint.PROPERTY);
        }
    }

    private void awaitHalted(GridFile daemon, CrashPoint point) throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> !daemon.processAlive());
        assertThat(Files.readString(home.resolve(GridDaemon.LOG_FILE))).contains("halting at test crash point " + point.id());
    }

    private record Backend(Contract contract, Deployment deployment, ZdbEndpoint endpoint, byte[] key) {
    }

    /** A 1 GiB backend of {@code twin} with one value stored in it. */
    private Backend backendWithData(LocalGrid grid, TwinId twin, String name) {
        return backendWithData(grid, signer, twin, name);
    }

    private static Backend backendWithData(LocalGrid grid, TestSigner signer, TwinId twin, String name) {
        long node = grid.nodes(NodeQuery.forZdb(GIB)).nodes().get(0).id().value();
        Deployment d = deployment(twin, name, node, GIB, ZdbMode.SEQ);
        ReservationBatch b = batch(twin, List.of(d));
        Contract contract = grid.reserve(b, sign(signer, b)).get(0);
        ZdbEndpoint endpoint = grid.endpoint(contract.id()).orElseThrow();
        try (ZdbConnection zdb = connect(endpoint, d.password())) {
            return new Backend(contract, d, endpoint, zdb.insert("data".getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static ZdbConnection connect(ZdbEndpoint endpoint, String password) {
        return ZdbConnection.open(ZdbClientConfig.tcp("127.0.0.1", endpoint.port())
                .withNamespace(endpoint.namespace(), password));
    }

    private LedgerAndFiles.Saved saved(Contract contract) {
        return LedgerAndFiles.contracts(home).stream().filter(c -> c.id() == contract.id().value()).findFirst().orElseThrow();
    }

    @Test
    void aGridKilledAfterSavingAnExpiryRemovesTheFilesWhenItStartsAgain() throws Exception {
        GridFile daemon = startHaltingAt(CrashPoint.DELETION_SAVED);
        Backend backend;
        try (LocalGrid grid = LocalGrid.connect(home); GridAdmin admin = GridAdmin.connect(home)) {
            TwinId twin = grid.createTwin(signer.publicKeyHex());
            backend = backendWithData(grid, twin, "data-01");
            admin.drain(twin, Optional.empty());
            // an hour unpaid starts the grace; 14 days of grace delete the contract and its namespace
            assertThatThrownBy(() -> admin.advanceClock(Duration.ofDays(15))).isInstanceOf(GridException.class);
        }
        awaitHalted(daemon, CrashPoint.DELETION_SAVED);
        LedgerAndFiles.Saved killed = saved(backend.contract());
        assertThat(killed.live()).as("the expiry is saved").isFalse();
        assertThat(LedgerAndFiles.hasFiles(home, killed.node(), killed.namespace())).as("its files are not removed yet")
                .isTrue();

        LocalGridLauncher.ensureRunning(home, 1);
        assertThat(LedgerAndFiles.disagreements(home)).isEmpty();
        assertThat(LedgerAndFiles.hasFiles(home, killed.node(), killed.namespace())).isFalse();
        try (LocalGrid grid = LocalGrid.connect(home)) {
            assertThat(grid.contract(backend.contract().id()).orElseThrow().state()).isEqualTo(ContractState.DELETED);
            assertThat(grid.endpoint(backend.contract().id())).isEmpty();
        }
        assertThat(Files.readString(home.resolve(GridDaemon.LOG_FILE)))
                .contains("grid: node " + killed.node() + ": removed namespace " + killed.namespace() + " of contract "
                        + killed.id());
    }

    @Test
    void aGridKilledBeforeSavingAnExpiryKeepsTheContractAndItsDataWhenItStartsAgain() throws Exception {
        GridFile daemon = startHaltingAt(CrashPoint.DELETION_UNSAVED);
        Backend backend;
        try (LocalGrid grid = LocalGrid.connect(home); GridAdmin admin = GridAdmin.connect(home)) {
            TwinId twin = grid.createTwin(signer.publicKeyHex());
            backend = backendWithData(grid, twin, "data-01");
            admin.drain(twin, Optional.empty());
            assertThatThrownBy(() -> admin.advanceClock(Duration.ofDays(15))).isInstanceOf(GridException.class);
        }
        awaitHalted(daemon, CrashPoint.DELETION_UNSAVED);
        LedgerAndFiles.Saved killed = saved(backend.contract());
        assertThat(killed.live()).as("the saved ledger is from before the expiry").isTrue();
        assertThat(LedgerAndFiles.hasFiles(home, killed.node(), killed.namespace())).isTrue();

        LocalGridLauncher.ensureRunning(home, 1);
        assertThat(LedgerAndFiles.disagreements(home)).isEmpty();
        try (LocalGrid grid = LocalGrid.connect(home)) {
            assertThat(grid.contract(backend.contract().id()).orElseThrow().state()).isNotEqualTo(ContractState.DELETED);
            try (ZdbConnection zdb = connect(grid.endpoint(backend.contract().id()).orElseThrow(),
                    backend.deployment().password())) {
                assertThat(zdb.get(backend.key())).isPresent();
            }
        }
    }

    @Test
    void aDeploymentTheGridDiedBeforeRecordingLeavesNoNamespaceAndCanBeMadeAgain() throws Exception {
        GridFile daemon = startHaltingAt(CrashPoint.DEPLOYMENT_UNSAVED);
        TwinId twin;
        Deployment d;
        try (LocalGrid grid = LocalGrid.connect(home)) {
            twin = grid.createTwin(signer.publicKeyHex());
            long node = grid.nodes(NodeQuery.forZdb(GIB)).nodes().get(0).id().value();
            d = deployment(twin, "data-01", node, GIB, ZdbMode.SEQ);
            ReservationBatch b = batch(twin, List.of(d));
            assertThatThrownBy(() -> grid.reserve(b, sign(signer, b))).isInstanceOf(GridException.class);
        }
        awaitHalted(daemon, CrashPoint.DEPLOYMENT_UNSAVED);
        assertThat(LedgerAndFiles.disagreements(home)).isNotEmpty()
                .allSatisfy(problem -> assertThat(problem).contains("-data-01, which no contract owns"));

        LocalGridLauncher.ensureRunning(home, 1);
        assertThat(LedgerAndFiles.disagreements(home)).isEmpty();
        try (LocalGrid grid = LocalGrid.connect(home)) {
            ReservationBatch again = batch(twin, List.of(d));
            Contract contract = grid.reserve(again, sign(signer, again)).get(0);
            try (ZdbConnection zdb = connect(grid.endpoint(contract.id()).orElseThrow(), d.password())) {
                assertThat(zdb.get(zdb.insert("x".getBytes(StandardCharsets.UTF_8)))).isPresent();
            }
        }
        assertThat(LedgerAndFiles.disagreements(home)).isEmpty();
    }

    @Test
    void aGridKilledInTheMiddleOfATenYearAdvanceAgreesWithItsFilesWhenItStartsAgain() throws Exception {
        GridFile daemon = LocalGridLauncher.ensureRunning(home, 1);
        Instant start;
        List<Backend> backends = new ArrayList<>();
        try (LocalGrid grid = LocalGrid.connect(home); GridAdmin admin = GridAdmin.connect(home)) {
            // twins whose wallets run dry one after another (a GiB costs about 3.7 TFT a year):
            // contracts expire all along the advance
            for (int tft = 1; tft <= 8; tft++) {
                TestSigner owner = new TestSigner();
                TwinId twin = grid.createTwin(owner.publicKeyHex());
                backends.add(backendWithData(grid, owner, twin, "data-0" + tft));
                admin.drain(twin, Optional.of(Tft.of(1000 - tft)));
            }
            start = grid.now();
            CompletableFuture<Instant> advance = CompletableFuture.supplyAsync(
                    () -> admin.advanceClock(GridLimits.MAX_CLOCK_ADVANCE));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> grid.now().isAfter(start.plus(Duration.ofDays(200))));
            ProcessHandle.of(daemon.pid()).orElseThrow().destroyForcibly();
            await().atMost(Duration.ofSeconds(30)).until(() -> !daemon.processAlive());
            assertThatThrownBy(advance::join).hasCauseInstanceOf(GridException.class);
        }
        Instant saved = Instant.parse(tools.jackson.databind.json.JsonMapper.shared()
                .readTree(Files.readString(home.resolve(WorldStore.FILE_NAME))).path("clockGrid").asString());
        assertThat(saved).as("killed half-way").isBefore(start.plus(GridLimits.MAX_CLOCK_ADVANCE));

        LocalGridLauncher.ensureRunning(home, 1);
        assertThat(LedgerAndFiles.disagreements(home)).isEmpty();
        List<LedgerAndFiles.Saved> ours = backends.stream().map(b -> saved(b.contract())).toList();
        assertThat(ours).as("some wallets ran dry before the kill").anyMatch(c -> !c.live());
        try (LocalGrid grid = LocalGrid.connect(home)) {
            for (Backend b : backends) {
                Optional<ZdbEndpoint> endpoint = grid.endpoint(b.contract().id());
                if (saved(b.contract()).live()) {
                    try (ZdbConnection zdb = connect(endpoint.orElseThrow(), b.deployment().password())) {
                        assertThat(zdb.get(b.key())).as("data of live contract %s", b.contract().id()).isPresent();
                    }
                } else {
                    assertThat(endpoint).isEmpty();
                }
            }
        }
    }
}
