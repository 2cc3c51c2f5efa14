package io.qsctl.cli;

import static io.qsctl.cli.ClusterWorkspace.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.qsctl.provider.NodeId;
import io.qsctl.provider.local.GridAdmin;
import io.qsctl.zdb.client.NamespaceInfo;
import io.qsctl.zdb.client.ZdbClientConfig;
import io.qsctl.zdb.client.ZdbConnection;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * What a user sees when a disk is lost, when the cluster is full and when nodes or the whole
 * embedded grid stop: {@code status} and {@code plan} see it (exit codes for monitoring,
 * conditions, drift), apply replaces what is lost, repair completes, and every message names
 * the command that fixes things. On the README's quickstart (4+2 shards over 6 data backends).
 */
class LostDiskIT {

    private static final long MIB = 1024 * 1024;

    @TempDir
    Path dir;

    private ClusterWorkspace workspace;
    private Path spec;
    private String file;

    @BeforeEach
    void workspace() {
        workspace = new ClusterWorkspace(dir);
        spec = workspace.write("storage.yaml", QuickstartSpec.yaml(6, "10GiB", null));
        file = spec.toString();
    }

    private void applyTheQuickstart() {
        workspace.expect(0, "apply", "-f", file, "--auto-approve");
    }

    @AfterEach
    void stopTheGrid() {
        workspace.close();
    }

    @Test
    void aWipedDiskIsLostForStatusAndPlanThenReplacedAndRepaired() throws IOException {
        applyTheQuickstart();
        Path original = Files.write(dir.resolve("one.bin"), random(3 * MIB, 1));
        String first = lastLine(workspace.expect(0, "object", "put", "-f", file, original.toString()).stdout());
        JsonNode healthy = json(workspace.expect(0, "status", "-f", file, "-o", "json").stdout());
        assertThat(healthy.path("health").asString()).isEqualTo("healthy");
        assertThat(condition(healthy, "Ready").path("status").asString()).isEqualTo("True");

        long node = workspace.backends(spec).get("data-02").path("nodeId").asLong();
        workspace.expect(0, "grid", "node", "wipe", Long.toString(node));

        // status: exit 5 (attention, data safe), the backend named with the commands that fix it
        QsctlRun status = workspace.expect(5, "status", "-f", file);
        assertThat(status.stdout()).contains("Health:   needs attention (exit code 5): BackendsLost")
                .contains("Backends: 10 (9 healthy, 1 lost)")
                .contains("! data-02: namespace ").contains(" is gone from node " + node + ", which answers")
                .contains("fix: `qsctl apply -f " + file + "` replaces it (the new one first), then `qsctl object repair -f "
                        + file + "` rebuilds what it held")
                .doesNotContain("data-02: data-02");

        JsonNode lost = json(workspace.expect(5, "status", "-f", file, "-o", "json").stdout());
        assertThat(lost.path("health").asString()).isEqualTo("attention");
        assertThat(lost.path("exitCode").asInt()).isEqualTo(5);
        assertThat(condition(lost, "Ready").path("status").asString()).isEqualTo("False");
        assertThat(condition(lost, "Ready").path("reason").asString()).isEqualTo("BackendsLost");
        JsonNode backendsHealthy = condition(lost, "BackendsHealthy");
        assertThat(backendsHealthy.path("status").asString()).isEqualTo("False");
        assertThat(backendsHealthy.path("message").asString()).contains("1 lost (data-02) of 10 backends")
                .contains("`qsctl apply -f " + file + "`");
        Instant lostSince = Instant.parse(backendsHealthy.path("since").asString());
        assertThat(Instant.parse(condition(lost, "Funded").path("since").asString())).isBefore(lostSince);
        assertThat(condition(lost, "Synced").path("reason").asString()).isEqualTo("Drift");
        assertThat(condition(lost, "CapacityAvailable").path("status").asString()).isEqualTo("True");
        assertThat(lost.path("backendCounts").path("lost").asInt()).isEqualTo(1);
        assertThat(lost.path("backendCounts").path("healthy").asInt()).isEqualTo(9);
        Map<String, JsonNode> byName = new HashMap<>();
        lost.path("backends").forEach(b -> byName.put(b.path("name").asString(), b));
        assertThat(byName).hasSize(10);
        assertThat(byName.get("data-02").path("health").asString()).isEqualTo("lost");
        assertThat(byName.get("data-00").path("health").asString()).isEqualTo("healthy");
        assertThat(byName.get("data-00").path("usedBytes").asLong()).isPositive();
        assertThat(lost.path("capacity").path("usedBytes").asLong()).isPositive();
        assertThat(lost.path("drift")).singleElement().satisfies(d -> {
            assertThat(d.path("kind").asString()).isEqualTo("namespace-missing");
            assertThat(d.path("replacedByApply").asBoolean()).isTrue();
        });
        // a condition keeps the time it changed: asking again does not move it
        JsonNode again = json(workspace.expect(5, "status", "-f", file, "-o", "json").stdout());
        assertThat(condition(again, "BackendsHealthy").path("since").asString())
                .isEqualTo(backendsHealthy.path("since").asString());

        // plan --refresh-only: exit 2, the drift, and that apply would replace it
        QsctlRun refresh = workspace.expect(2, "plan", "-f", file, "--refresh-only", "--detailed-exitcode");
        assertThat(refresh.stdout()).contains("! data-02: namespace ").contains(" is gone from node " + node)
                .contains("apply would replace 1 lost backend(s): `qsctl apply -f " + file + "`")
                .doesNotContain("No changes");
        JsonNode plan = json(workspace.expect(2, "plan", "-f", file, "--detailed-exitcode", "-o", "json").stdout());
        assertThat(plan.path("actions")).singleElement().satisfies(a -> {
            assertThat(a.path("type").asString()).isEqualTo("replace");
            assertThat(a.path("backend").asString()).isEqualTo("data-02");
            assertThat(a.path("reason").asString()).isEqualTo("namespace-lost");
        });

        // a put now is degraded, and says what to do: not "when the backends are back"
        Path second = Files.write(dir.resolve("two.bin"), random(2 * MIB, 2));
        QsctlRun degraded = workspace.expect(0, "object", "put", "-f", file, second.toString());
        assertThat(degraded.stderr()).contains("DEGRADED")
                .contains("lost: data-02 (its namespace is gone from node " + node + "): `qsctl apply -f " + file
                        + "` replaces lost backends")
                .contains("Then `qsctl object repair -f " + file + " " + lastLine(degraded.stdout()) + "`")
                .doesNotContain("when the backends are back");

        // apply replaces it (new one first), then repair completes every object
        QsctlRun applied = workspace.expect(0, "apply", "-f", file, "--auto-approve");
        assertThat(applied.stdout()).contains("1 replaced")
                .contains("The new data-02 starts empty: `qsctl object repair -f " + file + "`");
        assertThat(workspace.backends(spec).get("data-02").path("nodeId").asLong()).isNotEqualTo(node);
        JsonNode repaired = json(workspace.expect(0, "object", "repair", "-f", file, "-o", "json").stdout());
        assertThat(repaired.path("objects")).hasSize(2)
                .allSatisfy(o -> assertThat(o.path("complete").asBoolean()).isTrue());
        workspace.expect(0, "object", "check", "-f", file, first);
        workspace.expect(0, "status", "-f", file);
    }

    @Test
    void aPutThatCannotFitIsRefusedBeforeAnyOfItIsSentAndOneThatFitsCompressedIsNot() throws IOException {
        applyTheQuickstart();
        // Namespaces of 16 MiB (as their node's admin: the embedded grid's nodes, like 0-db
        // without --admin, take admin commands from anyone): a small cluster without gigabytes.
        Map<String, JsonNode> data = workspace.backends(spec).entrySet().stream()
                .filter(e -> e.getKey().startsWith("data-"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        for (JsonNode b : data.values()) {
            try (ZdbConnection admin = ZdbConnection.open(ZdbClientConfig.parse(b.path("endpoint").asString()))) {
                admin.nsset(b.path("namespace").asString(), "maxsize", Long.toString(16 * MIB));
            }
        }
        JsonNode small = json(workspace.expect(5, "status", "-f", file, "-o", "json").stdout());
        assertThat(condition(small, "CapacityAvailable").path("reason").asString()).isEqualTo("CapacityLow");
        JsonNode capacity = small.path("capacity");
        assertThat(capacity.path("limitBytes").asLong()).isEqualTo(6 * 16 * MIB);
        assertThat(capacity.path("usedBytes").asLong()).isZero();
        long largest = capacity.path("largestObjectBytes").asLong();
        assertThat(largest).isBetween(60 * MIB, 64 * MIB);
        Map<String, String> idsBefore = nextIds(data);

        Path big = Files.write(dir.resolve("big.bin"), random(100 * MIB, 3));
        QsctlRun refused = workspace.expect(1, "object", "put", "-f", file, big.toString());
        assertThat(refused.stderr()).contains("error: " + big + " (100.0 MiB) does not fit in cluster quickstart: a write"
                + " needs 5 data backends with room for its shards")
                .contains("one object of at most ")
                .contains("Raise spec.capacity in " + file + " and run `qsctl apply -f " + file + "`, or delete objects"
                        + " (`qsctl object delete -f " + file + " ID`). Nothing was stored.");
        assertThat(nextIds(data)).as("no chunk was ever written to any data namespace").isEqualTo(idsBefore);

        // standard input: its size is unknown, so it stops as soon as it would go past the room, with the same message
        try (QsctlProcess put = workspace.startWithInput("object", "put", "-f", file, "-")) {
            try (OutputStream in = put.input()) {
                in.write(Files.readAllBytes(big));
            } catch (IOException closedEarly) {
                // qsctl stopped reading once it knew: that is the point
            }
            QsctlRun stdin = put.await(ClusterWorkspace.RUN_LIMIT);
            assertThat(stdin.exitCode()).as(stdin.stderr()).isEqualTo(1);
            assertThat(stdin.stderr()).contains("error: standard input does not fit in cluster quickstart")
                    .contains("Nothing was stored.");
        }
        JsonNode after = json(workspace.expect(5, "status", "-f", file, "-o", "json").stdout());
        assertThat(after.path("capacity").path("usedBytes").asLong()).as("what was sent was deleted").isZero();
        assertThat(json(workspace.expect(0, "object", "list", "-f", file, "-o", "json").stdout()).path("objects"))
                .isEmpty();

        // 100 MiB of zeros compress to almost nothing: checked, not refused
        Path zeros = dir.resolve("zeros.bin");
        try (RandomAccessFile sparse = new RandomAccessFile(zeros.toFile(), "rw")) {
            sparse.setLength(100 * MIB);
        }
        QsctlRun fits = workspace.expect(0, "object", "put", "-f", file, zeros.toString());
        assertThat(fits.stderr()).contains("Checking whether " + zeros + " (100.0 MiB) fits once compressed...")
                .contains("Stored 100.0 MiB");
    }

    @Test
    void withEveryDataNodeStoppedAPutCountsTrulyAndStatusIsCritical() {
        applyTheQuickstart();
        List<Long> nodes = workspace.backends(spec).values().stream()
                .filter(b -> b.path("role").asString().equals("data")).map(b -> b.path("nodeId").asLong()).toList();
        // as `qsctl grid node stop N` does for each, without a JVM per node
        try (GridAdmin admin = GridAdmin.connect(workspace.gridHome())) {
            nodes.forEach(node -> admin.stopNode(new NodeId(node)));
        }
        Path small = writeRandom("small.bin", MIB);
        QsctlRun put = workspace.expect(1, "object", "put", "-f", file, small.toString());
        assertThat(put.stderr()).contains("error: cannot store " + small + ": 0 of 6 data backends take writes, and a"
                        + " write needs 5; lost: data-00 (node ")
                .contains("`qsctl grid node start NODE` restarts a stopped node of the embedded grid, or `qsctl apply -f "
                        + file + "` replaces lost backends")
                .contains("Nothing was stored.");
        JsonNode status = json(workspace.expect(6, "status", "-f", file, "-o", "json").stdout());
        assertThat(status.path("health").asString()).isEqualTo("critical");
        assertThat(status.path("backendCounts").path("lost").asInt()).isEqualTo(6);
        assertThat(condition(status, "CapacityAvailable").path("reason").asString()).isEqualTo("TooFewWritableBackends");
    }

    @Test
    void aGridThatStopsDuringAPutIsNamedWithTheCommandThatStartsIt() throws IOException {
        applyTheQuickstart();
        try (QsctlProcess put = workspace.startWithInput("object", "put", "-f", file, "-")) {
            OutputStream in = put.input();
            in.write(random(6 * MIB, 4));
            in.flush();
            workspace.expect(0, "grid", "down");
            try {
                in.write(random(12 * MIB, 5));
                in.close();
            } catch (IOException closedEarly) {
                // qsctl stopped reading when the backends went away
            }
            QsctlRun run = put.await(ClusterWorkspace.RUN_LIMIT);
            assertThat(run.exitCode()).as(run.stderr()).isEqualTo(1);
            assertThat(run.stderr()).contains("backends refused writes")
                    .contains("the embedded grid is not running (in " + workspace.gridHome() + "), so none of its nodes"
                            + " answers: `qsctl grid up`, then run this again");
        }
    }

    @Test
    void aCapacityOfOneByteIsRefusedWhereItIsWritten() {
        Path tiny = workspace.write("tiny.yaml", QuickstartSpec.yaml(6, "1B", null));
        QsctlRun run = workspace.expect(1, "validate", "-f", tiny.toString());
        assertThat(run.stderr()).contains("tiny.yaml:8:13: spec.capacity: 1B is less than 1GiB, the smallest cluster"
                + " qsctl plans: backends are reserved in whole GiB");
    }

    private static JsonNode condition(JsonNode status, String type) {
        for (JsonNode c : status.path("conditions")) {
            if (c.path("type").asString().equals(type)) {
                return c;
            }
        }
        throw new AssertionError("no condition " + type + " in " + status);
    }

    /** Each data namespace's next sequence id: it moves with every chunk ever written, deleted or not. */
    private static Map<String, String> nextIds(Map<String, JsonNode> data) {
        Map<String, String> ids = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : data.entrySet()) {
            JsonNode b = e.getValue();
            try (ZdbConnection admin = ZdbConnection.open(ZdbClientConfig.parse(b.path("endpoint").asString()))) {
                NamespaceInfo info = admin.nsinfo(b.path("namespace").asString());
                ids.put(e.getKey(), info.field("next_internal_id").orElseThrow());
            }
        }
        return ids;
    }

    private Path writeRandom(String name, long size) {
        try {
            return Files.write(dir.resolve(name), random(size, size));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] random(long size, long seed) {
        byte[] bytes = new byte[Math.toIntExact(size)];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static String lastLine(String stdout) {
        List<String> lines = stdout.lines().toList();
        return lines.get(lines.size() - 1);
    }
}
