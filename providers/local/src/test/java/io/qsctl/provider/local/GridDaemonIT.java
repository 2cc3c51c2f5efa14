package io.qsctl.provider.local;

import static io.qsctl.provider.local.Reservations.GIB;
import static io.qsctl.provider.local.Reservations.batch;
import static io.qsctl.provider.local.Reservations.deployment;
import static io.qsctl.provider.local.Reservations.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.qsctl.provider.Contract;
import io.qsctl.provider.Deployment;
import io.qsctl.provider.GridException;
import io.qsctl.provider.GridException.Kind;
import io.qsctl.provider.NodeQuery;
import io.qsctl.provider.ReservationBatch;
import io.qsctl.provider.TwinId;
import io.qsctl.provider.ZdbEndpoint;
import io.qsctl.provider.ZdbMode;
import io.qsctl.zdb.client.ZdbClientConfig;
import io.qsctl.zdb.client.ZdbConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The daemon's life: racing launchers, restarts, a daemon gone, and what its HTTP API looks like on the wire. */
class GridDaemonIT {

    @TempDir
    Path home;

    @Test
    void launchersRacingOnOneHomeEndWithOneDaemon() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<GridFile>> starts = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                starts.add(pool.submit(() -> {
                    go.await();
                    return LocalGridLauncher.ensureRunning(home, 1);
                }));
            }
            go.countDown();
            Set<Long> pids = ConcurrentHashMap.newKeySet();
            for (Future<GridFile> start : starts) {
                pids.add(start.get().pid());
            }
            assertThat(pids).hasSize(1);
        } finally {
            pool.shutdownNow();
            LocalGridLauncher.stop(home);
        }
    }

    @Test
    void aRestartedGridKeepsItsWorldItsPortsAndItsData() throws Exception {
        LocalGridLauncher.ensureRunning(home, 1);
        TestSigner signer = new TestSigner();
        Contract contract;
        ZdbEndpoint endpoint;
        Deployment d;
        try (LocalGrid grid = LocalGrid.connect(home)) {
            TwinId twin = grid.createTwin(signer.publicKeyHex());
            long node = grid.nodes(NodeQuery.forZdb(GIB)).nodes().get(0).id().value();
            d = deployment(twin, "data-01", node, GIB, ZdbMode.USER);
            ReservationBatch b = batch(twin, List.of(d));
            contract = grid.reserve(b, sign(signer, b)).get(0);
            endpoint = grid.endpoint(contract.id()).orElseThrow();
        }
        try (ZdbConnection zdb = open(endpoint, d.password())) {
            zdb.set("kept".getBytes(StandardCharsets.UTF_8), "across restarts".getBytes(StandardCharsets.UTF_8));
        }
        long firstPid = GridFile.read(home).orElseThrow().pid();
        assertThat(Files.getPosixFilePermissions(GridFile.path(home)))
                .as("grid.json holds the admin token").isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        assertThat(LocalGridLauncher.stop(home)).isTrue();
        assertThat(GridFile.read(home)).isEmpty();
        assertThat(LocalGridLauncher.stop(home)).isFalse();

        GridFile second = LocalGridLauncher.ensureRunning(home, 1);
        try (LocalGrid grid = LocalGrid.connect(home)) {
            assertThat(second.pid()).isNotEqualTo(firstPid);
            assertThat(grid.twin(signer.publicKeyHex())).isPresent();
            assertThat(grid.endpoint(contract.id()).orElseThrow()).isEqualTo(endpoint);
            try (ZdbConnection zdb = open(endpoint, d.password())) {
                assertThat(zdb.get("kept".getBytes(StandardCharsets.UTF_8))).isPresent();
            }
        } finally {
            LocalGridLauncher.stop(home);
        }
        assertThat(Files.exists(home.resolve(GridDaemon.LOG_FILE))).isTrue();
    }

    @Test
    void aGridWhoseDaemonIsGoneIsUnavailable() {
        LocalGridLauncher.ensureRunning(home, 1);
        try (LocalGrid grid = LocalGrid.connect(home)) {
            LocalGridLauncher.stop(home);
            assertThatThrownBy(() -> grid.nodes(NodeQuery.all())).isInstanceOfSatisfying(GridException.class, e -> {
                assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
                assertThat(e.retryable()).isTrue();
            });
        }
        assertThat(LocalGridLauncher.status(home).running()).isFalse();
        assertThatThrownBy(() -> LocalGrid.connect(home)).isInstanceOfSatisfying(GridException.class,
                e -> assertThat(e.getMessage()).contains("qsctl grid up"));
    }

    @Test
    void theHttpApiSpeaksTheGridProxysNamesAndShapes() throws Exception {
        GridFile file = LocalGridLauncher.ensureRunning(home, 3600);
        HttpClient http = HttpClient.newHttpClient();
        try {
            HttpResponse<String> nodes = get(http, file, "/nodes?country=BE&status=up&ret_count=true&size=3");
            assertThat(nodes.statusCode()).isEqualTo(200);
            assertThat(nodes.headers().firstValue("count")).hasValueSatisfying(c -> assertThat(Integer.parseInt(c)).isPositive());
            assertThat(nodes.headers().firstValue("pages")).isPresent();
            JsonNode list = JsonMapper.shared().readTree(nodes.body());
            assertThat(list.size()).isEqualTo(3);
            assertThat(list.get(0).path("country").asString()).isEqualTo("BE");
            assertThat(list.get(0).has("total_resources")).isTrue();

            JsonNode one = JsonMapper.shared().readTree(get(http, file, "/nodes/1").body());
            assertThat(one.path("capacity").path("total_resources").path("hru").asLong()).isPositive();
            assertThat(get(http, file, "/nodes/1/status").body()).isEqualTo("{\"status\":\"up\"}");

            JsonNode farms = JsonMapper.shared().readTree(get(http, file, "/farms").body());
            assertThat(farms.get(0).has("farmId")).isTrue();

            HttpResponse<String> typo = get(http, file, "/nodes?contry=BE");
            assertThat(typo.statusCode()).isEqualTo(400);
            assertThat(JsonMapper.shared().readTree(typo.body()).path("kind").asString()).isEqualTo("INVALID");
            assertThat(get(http, file, "/nodes/999").statusCode()).isEqualTo(404);

            HttpResponse<String> noToken = http.send(HttpRequest.newBuilder(URI.create(file.url() + "/admin/shutdown"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(noToken.statusCode()).isEqualTo(403);

            // time scale 3600: a grid hour passes every real second
            java.time.Instant t0 = java.time.Instant.parse(JsonMapper.shared().readTree(get(http, file, "/time").body())
                    .path("now").asString());
            await().atMost(Duration.ofSeconds(10)).until(() -> java.time.Instant.parse(JsonMapper.shared()
                    .readTree(get(http, file, "/time").body()).path("now").asString()).isAfter(t0.plus(Duration.ofHours(1))));
        } finally {
            LocalGridLauncher.stop(home);
        }
    }

    private static HttpResponse<String> get(HttpClient http, GridFile file, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(file.url() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static ZdbConnection open(ZdbEndpoint endpoint, String password) {
        return ZdbConnection.open(ZdbClientConfig.tcp(endpoint.addresses().get(0), endpoint.port())
                .withNamespace(endpoint.namespace(), password));
    }
}
