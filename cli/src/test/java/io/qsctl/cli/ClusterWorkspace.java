package io.qsctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.qsctl.provider.Contract;
import io.qsctl.provider.ContractState;
import io.qsctl.provider.TwinId;
import io.qsctl.provider.identity.Identity;
import io.qsctl.provider.identity.SandboxKeyFile;
import io.qsctl.provider.json.GridProxyJson;
import io.qsctl.provider.local.GridFile;
import io.qsctl.provider.local.LocalGrid;
import io.qsctl.reconciler.api.ClusterState;
import io.qsctl.reconciler.api.ClusterStateJson;
import io.qsctl.state.Journal;
import io.qsctl.state.StateLock;
import io.qsctl.state.StateStore;
import io.qsctl.zdb.client.ZdbClientConfig;
import io.qsctl.zdb.client.ZdbConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;

/**
 * One end-to-end test's world: its own embedded-grid home, state directory and (absent) identity
 * file, so the sandbox identity of that grid is used; runs the packaged qsctl there with exactly
 * these {@code QSCTL_*} variables (none of the developer's), and looks at the grid and the state
 * from the test JVM. {@link #close()} stops the grid daemon, whatever the test did.
 */
final class ClusterWorkspace implements AutoCloseable {

    static final Duration RUN_LIMIT = Duration.ofSeconds(90);

    private final Path root;
    private final Path gridHome;
    private final Path stateDir;
    private final Map<String, String> env = new HashMap<>();

    ClusterWorkspace(Path root) {
        this.root = root;
        this.gridHome = root.resolve("grid");
        this.stateDir = root.resolve("state");
        env.put("QSCTL_GRID_HOME", gridHome.toString());
        env.put("QSCTL_STATE_DIR", stateDir.toString());
        env.put("QSCTL_IDENTITY_FILE", root.resolve("no-identity.age").toString());
    }

    /** Adds an environment variable to every later run (e.g. {@code QSCTL_MNEMONIC}). */
    ClusterWorkspace withEnv(String name, String value) {
        env.put(name, value);
        return this;
    }

    Path root() {
        return root;
    }

    Path gridHome() {
        return gridHome;
    }

    /** The state directory of one cluster. */
    Path stateDir(String cluster) {
        return stateDir.resolve(cluster);
    }

    Map<String, String> env() {
        return Map.copyOf(env);
    }

    /** Writes a spec file into the workspace and returns its path. */
    Path write(String fileName, String yaml) {
        try {
            return Files.writeString(root.resolve(fileName), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs qsctl to its end, in the workspace directory. */
    QsctlRun qsctl(String... args) {
        try (QsctlProcess process = start(args)) {
            return process.await(RUN_LIMIT);
        }
    }

    /** Runs qsctl and requires exit code {@code expected}, showing its output otherwise. */
    QsctlRun expect(int expected, String... args) {
        QsctlRun run = qsctl(args);
        assertThat(run.exitCode()).as("exit code of qsctl %s%nstdout:%n%s%nstderr:%n%s", String.join(" ", args),
                run.stdout(), run.stderr()).isEqualTo(expected);
        return run;
    }

    /** Starts qsctl in the background. */
    QsctlProcess start(String... args) {
        return QsctlProcess.start(env, root, args);
    }

    /** Starts qsctl in the background to be sent signals ({@link QsctlProcess#startInterruptible}). */
    QsctlProcess startInterruptible(boolean withInput, String... args) {
        return QsctlProcess.startInterruptible(env, root, withInput, args);
    }

    /** Starts qsctl inside {@code bash -c SCRIPT} ({@link QsctlProcess#startInShell}). */
    QsctlProcess startInShell(String script, String... args) {
        return QsctlProcess.startInShell(env, root, script, args);
    }

    /** Starts qsctl in the background with its standard input open, for the test to write. */
    QsctlProcess startWithInput(String... args) {
        return QsctlProcess.startWithInput(env, root, args);
    }

    /** Starts qsctl in the background on a terminal of its own, where it asks before it acts. */
    QsctlProcess startOnTerminal(String... args) {
        return QsctlProcess.startOnTerminal(env, root, args);
    }

    /** {@code get backends -o json}, by backend name. */
    Map<String, JsonNode> backends(Path spec) {
        JsonNode doc = json(expect(0, "get", "backends", "-f", spec.toString(), "-o", "json").stdout());
        Map<String, JsonNode> byName = new java.util.TreeMap<>();
        doc.path("backends").forEach(b -> byName.put(b.path("name").asString(), b));
        return byName;
    }

    // --- the grid, as the test JVM sees it -------------------------------------------------------

    /** The sandbox identity qsctl uses in this workspace (the grid's sandbox key). */
    Identity sandboxIdentity() {
        return new SandboxKeyFile(gridHome.resolve("sandbox.key")).load();
    }

    /** The twin of an identity on this grid. */
    TwinId twin(Identity identity) {
        try (LocalGrid grid = LocalGrid.connect(gridHome)) {
            return grid.twin(identity.accountPublicKeyHex()).orElseThrow(
                    () -> new AssertionError("the identity has no twin on the grid"));
        }
    }

    /** The live (created or in grace) contracts of one cluster of a twin. */
    List<Contract> aliveContracts(TwinId twin, String cluster) {
        try (LocalGrid grid = LocalGrid.connect(gridHome)) {
            return grid.contracts(twin).stream().filter(c -> cluster.equals(clusterOf(c))).toList();
        }
    }

    /** Every contract the twin ever had for one cluster, deleted ones included. */
    List<Contract> everyContract(TwinId twin, String cluster) {
        String url = GridFile.read(gridHome).orElseThrow().url() + "/contracts?twin_id=" + twin.value() + "&state="
                + URLEncoder.encode("Created,GracePeriod,Deleted", StandardCharsets.UTF_8);
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
            return GridProxyJson.contracts(JsonMapper.shared().readTree(response.body())).stream()
                    .filter(c -> cluster.equals(clusterOf(c))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** One contract as the grid knows it now, deleted ones included. */
    Optional<Contract> contract(long id) {
        try (LocalGrid grid = LocalGrid.connect(gridHome)) {
            return grid.contract(new io.qsctl.provider.ContractId(id));
        }
    }

    static boolean alive(Contract contract) {
        return contract.state() == ContractState.CREATED || contract.state() == ContractState.GRACE;
    }

    /** The backend a contract was made for, from its public label. */
    static String backendOf(Contract contract) {
        return JsonMapper.shared().readTree(contract.deploymentData()).path("backend").asString();
    }

    static String clusterOf(Contract contract) {
        return JsonMapper.shared().readTree(contract.deploymentData()).path("cluster").asString();
    }

    /** Live contracts by backend name; fails if a backend has two. */
    static Map<String, Contract> byBackend(List<Contract> contracts) {
        Map<String, List<Contract>> grouped = contracts.stream().collect(Collectors.groupingBy(ClusterWorkspace::backendOf,
                java.util.TreeMap::new, Collectors.toList()));
        grouped.forEach((name, list) -> assertThat(list).as("live contracts of backend %s", name).hasSize(1));
        Map<String, Contract> byName = new java.util.TreeMap<>();
        grouped.forEach((name, list) -> byName.put(name, list.get(0)));
        return byName;
    }

    // --- the state, read with the identity's key -------------------------------------------------

    Optional<ClusterState> state(Identity identity, String cluster) {
        return new StateStore(stateDir(cluster), identity.stateKey(cluster), "test").read()
                .map(s -> ClusterStateJson.fromJson(s.body()));
    }

    /** The serial of the saved state, 0 when there is none. */
    long stateSerial(Identity identity, String cluster) {
        return new StateStore(stateDir(cluster), identity.stateKey(cluster), "test").read().map(s -> s.serial())
                .orElse(0L);
    }

    int pendingJournalEntries(String cluster) {
        return Journal.read(stateDir(cluster)).unresolved().size();
    }

    /**
     * The lock record of a cluster's state ({@code state.lock.info}), read as a file: never by
     * trying the lock, which for an instant would take it from a qsctl about to.
     */
    Optional<JsonNode> lockRecord(String cluster) {
        Path info = stateDir(cluster).resolve(StateLock.INFO_FILE);
        try {
            return Optional.of(JsonMapper.shared().readTree(Files.readString(info)))
                    .filter(json -> json.isObject() && json.has("pid"));
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | tools.jackson.core.JacksonException e) {
            return Optional.empty(); // being written: not there yet
        }
    }

    // --- namespaces -------------------------------------------------------------------------------

    /**
     * Proves a backend's namespace serves its owner: SELECT with the password derived from the
     * identity, then a write read back (INSERT in {@code seq} mode, SET with a key in {@code user}
     * mode).
     */
    static void writeAndReadBack(JsonNode backend, String password) {
        String endpoint = backend.path("endpoint").asString();
        String namespace = backend.path("namespace").asString();
        byte[] value = ("hello from " + backend.path("name").asString()).getBytes(StandardCharsets.UTF_8);
        try (ZdbConnection zdb = ZdbConnection.open(ZdbClientConfig.parse(endpoint))) {
            zdb.select(namespace, password);
            byte[] key;
            if (backend.path("mode").asString().equals("seq")) {
                key = zdb.insert(value);
            } else {
                key = ("key-" + backend.path("name").asString()).getBytes(StandardCharsets.UTF_8);
                zdb.set(key, value);
            }
            assertThat(zdb.get(key)).as("%s (%s at %s) reads back what was written", backend.path("name").asString(),
                    namespace, endpoint).hasValueSatisfying(v -> assertThat(v).isEqualTo(value));
        }
    }

    // --- JSON --------------------------------------------------------------------------------------

    static JsonNode json(String text) {
        return JsonMapper.shared().readTree(text);
    }

    /** {@code apply -o json} prints one JSON object per event (the plan first): every event on stdout, in order. */
    static List<JsonNode> documents(String stdout) {
        List<JsonNode> all = new ArrayList<>();
        try (MappingIterator<JsonNode> it = JsonMapper.shared().readerFor(JsonNode.class).readValues(stdout)) {
            it.forEachRemaining(all::add);
        }
        return all;
    }

    /** Stops the grid daemon of this workspace (if one runs) and checks that it is gone. */
    @Override
    public void close() {
        Optional<GridFile> running = GridFile.read(gridHome);
        QsctlRun down = qsctl("grid", "down", "--grid-home", gridHome.toString());
        assertThat(down.exitCode()).as("qsctl grid down: %s", down.stderr()).isZero();
        running.flatMap(f -> ProcessHandle.of(f.pid())).ifPresent(daemon -> {
            daemon.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
        });
    }
}
