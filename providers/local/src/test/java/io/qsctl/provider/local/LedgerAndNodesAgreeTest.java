package io.qsctl.provider.local;

import static io.qsctl.provider.local.Reservations.GIB;
import static io.qsctl.provider.local.Reservations.batch;
import static io.qsctl.provider.local.Reservations.deployment;
import static io.qsctl.provider.local.Reservations.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qsctl.common.FileTrees;
import io.qsctl.provider.Contract;
import io.qsctl.provider.ContractState;
import io.qsctl.provider.Deployment;
import io.qsctl.provider.NodeQuery;
import io.qsctl.provider.ReservationBatch;
import io.qsctl.provider.Signed;
import io.qsctl.provider.TwinId;
import io.qsctl.provider.ZdbEndpoint;
import io.qsctl.provider.ZdbMode;
import io.qsctl.zdb.client.ZdbClientConfig;
import io.qsctl.zdb.client.ZdbConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The saved ledger and the nodes' files never disagree, whatever stops the grid: a deletion
 * removes files only once the ledger that records it is saved, and a start finishes what a crash
 * left undone. (The daemon killed at these very points: {@code GridCrashIT}.)
 */
class LedgerAndNodesAgreeTest {

    @TempDir
    Path home;
    @TempDir
    Path aside;

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

    private Deployment deploymentOnAnyNode(String name) {
        long node = grid.nodes(NodeQuery.forZdb(GIB)).nodes().get(0).id().value();
        return deployment(twin, name, node, GIB, ZdbMode.SEQ);
    }

    private Contract reserve(Deployment d) {
        ReservationBatch b = batch(twin, java.util.List.of(d));
        return grid.reserve(b, sign(signer, b)).get(0);
    }

    private static byte[] store(ZdbEndpoint endpoint, String password, String value) {
        try (ZdbConnection zdb = connect(endpoint, password)) {
            return zdb.insert(value.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static ZdbConnection connect(ZdbEndpoint endpoint, String password) {
        return ZdbConnection.open(ZdbClientConfig.tcp("127.0.0.1", endpoint.port())
                .withNamespace(endpoint.namespace(), password));
    }

    @Test
    void aDeletionWhoseLedgerCannotBeSavedRemovesNoFileAndTheSavedLedgerKeepsTheContractLive() throws Exception {
        Deployment d = deploymentOnAnyNode("data-01");
        Contract contract = reserve(d);
        ZdbEndpoint endpoint = grid.endpoint(contract.id()).orElseThrow();
        byte[] key = store(endpoint, d.password(), "still here");
        grid.drain(twin, Optional.empty());
        // the first hour it cannot pay starts the grace; 14 days later, one hour more deletes it
        grid.advance(Duration.ofDays(14));
        assertThat(grid.contract(contract.id()).orElseThrow().state()).isEqualTo(ContractState.GRACE);
        Path world = home.resolve(WorldStore.FILE_NAME);
        Files.copy(world, aside.resolve("world.json"));

        // world.json cannot be replaced any more: a directory that is not empty stands in its place
        Files.delete(world);
        Files.createDirectories(world.resolve("in-the-way"));
        assertThatThrownBy(() -> grid.advance(Duration.ofHours(1))).isInstanceOf(UncheckedIOException.class);
        assertThat(LedgerAndFiles.hasFiles(home, d.backend().node().value(), endpoint.namespace()))
                .as("the namespace of a deletion that was never saved").isTrue();

        // the grid dies (its last save fails too); the saved ledger is the one from before
        assertThatThrownBy(grid::close).isInstanceOf(UncheckedIOException.class);
        FileTrees.delete(world);
        Files.copy(aside.resolve("world.json"), world);
        assertThat(LedgerAndFiles.disagreements(home)).isEmpty();

        grid = EmbeddedGrid.open(EmbeddedGrid.Settings.of(home).withRealTime(real));
        assertThat(grid.contract(contract.id()).orElseThrow().state()).isEqualTo(ContractState.GRACE);
        try (ZdbConnection zdb = connect(grid.endpoint(contract.id()).orElseThrow(), d.password())) {
            assertThat(zdb.get(key)).hasValueSatisfying(v -> assertThat(new String(v, StandardCharsets.UTF_8))
                    .isEqualTo("still here"));
        }
    }

    @Test
    void aStartFinishesADeletionTheSavedLedgerRecordsAndRemovesANamespaceNoContractOwns() throws Exception {
        Deployment kept = deploymentOnAnyNode("data-01");
        Contract live = reserve(kept);
        byte[] key = store(grid.endpoint(live.id()).orElseThrow(), kept.password(), "kept");
        long other = grid.nodes(NodeQuery.forZdb(GIB)).nodes().get(1).id().value();
        Deployment gone = deployment(twin, "data-02", other, GIB, ZdbMode.SEQ);
        Contract cancelled = reserve(gone);
        String namespace = grid.endpoint(cancelled.id()).orElseThrow().namespace();
        long node = gone.backend().node().value();
        grid.close();
        Path nodeDir = home.resolve("nodes").resolve(Long.toString(node));
        copyTree(nodeDir.resolve("index").resolve(namespace), aside.resolve("index"));
        copyTree(nodeDir.resolve("data").resolve(namespace), aside.resolve("data"));

        grid = EmbeddedGrid.open(EmbeddedGrid.Settings.of(home).withRealTime(real));
        grid.cancel(cancelled.id(), signer.sign(Signed.cancelPayload("local", twin, cancelled.id())));
        grid.close();
        assertThat(LedgerAndFiles.hasFiles(home, node, namespace)).isFalse();
        // as a grid killed after saving the deletion and before removing the files leaves them
        copyTree(aside.resolve("index"), nodeDir.resolve("index").resolve(namespace));
        copyTree(aside.resolve("data"), nodeDir.resolve("data").resolve(namespace));
        // and as a deployment the grid died before recording leaves its namespace
        String orphan = twin.value() + "-9999-data-03";
        copyTree(aside.resolve("index"), nodeDir.resolve("index").resolve(orphan));
        copyTree(aside.resolve("data"), nodeDir.resolve("data").resolve(orphan));
        assertThat(LedgerAndFiles.disagreements(home)).anySatisfy(p -> assertThat(p).contains("is deleted but"))
                .anySatisfy(p -> assertThat(p).contains(orphan + ", which no contract owns"));

        grid = EmbeddedGrid.open(EmbeddedGrid.Settings.of(home).withRealTime(real));
        assertThat(LedgerAndFiles.disagreements(home)).isEmpty();
        assertThat(grid.repairsAtStart()).satisfiesExactlyInAnyOrder(
                r -> assertThat(r).contains("removed namespace " + namespace + " of contract " + cancelled.id().value()),
                r -> assertThat(r).contains("removed namespace " + orphan + ", which no contract owns"));
        assertThat(grid.contract(cancelled.id()).orElseThrow().state()).isEqualTo(ContractState.DELETED);
        try (ZdbConnection zdb = connect(grid.endpoint(live.id()).orElseThrow(), kept.password())) {
            assertThat(zdb.get(key)).isPresent();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
