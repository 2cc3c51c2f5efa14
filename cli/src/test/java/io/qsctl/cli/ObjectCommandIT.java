package io.qsctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.qsctl.provider.identity.Identity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code qsctl object} through the packaged CLI on an applied cluster of the embedded grid (4+2
 * shards over 7 data backends, so one is spare): stored objects read back identical while nodes
 * are down, a wiped node's shards are found missing and rebuilt elsewhere, and nothing readable or
 * secret reaches the nodes' disks or the output.
 */
class ObjectCommandIT {

    @TempDir
    Path dir;

    private ClusterWorkspace workspace;

    @BeforeEach
    void workspace() {
        workspace = new ClusterWorkspace(dir);
    }

    @AfterEach
    void stopTheGrid() {
        workspace.close();
    }

    @Test
    void objectsSurviveStoppedAndWipedNodesAndRepairRebuildsTheLostShards() throws Exception {
        Path spec = workspace.write("storage.yaml", QuickstartSpec.yaml(7, "10GiB", null));
        String file = spec.toString();
        workspace.expect(0, "apply", "-f", file, "--auto-approve");

        String marker = "qsctl-plaintext-marker-" + System.nanoTime();
        byte[] content = content(9 * 1024 * 1024 + 123, marker);
        Path original = Files.write(dir.resolve("original.bin"), content);
        QsctlRun put = workspace.expect(0, "object", "put", "-f", file, original.toString());
        List<String> lines = put.stdout().lines().toList();
        String id = lines.get(lines.size() - 1);
        assertThat(id).as("the id is the last line of stdout").matches("[0-9a-f]{32}");
        assertThat(put.stderr()).contains("Stored 9.0 MiB");

        JsonNode listed = ClusterWorkspace.json(workspace.expect(0, "object", "list", "-f", file, "-o", "json").stdout());
        assertThat(listed.path("objects")).hasSize(1);
        assertThat(listed.path("objects").get(0).path("id").asString()).isEqualTo(id);
        assertThat(listed.path("objects").get(0).path("size").asLong()).isEqualTo(content.length);
        workspace.expect(0, "object", "check", "-f", file, id);

        // Partial files of earlier gets to the same file: one whose process is gone (a get killed
        // with SIGKILL) is removed; one whose process lives (a get still running) stays.
        Path copy = dir.resolve("copy.bin");
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        Path killedGets = Files.write(dir.resolve(".copy.bin." + finished.pid() + ".123.partial"), new byte[100]);
        Path runningGets = Files.write(dir.resolve(".copy.bin." + ProcessHandle.current().pid() + ".456.partial"),
                new byte[100]);
        QsctlRun got = workspace.expect(0, "object", "get", "-f", file, id, "--to", copy.toString());
        assertThat(Files.readAllBytes(copy)).isEqualTo(content);
        assertThat(killedGets).doesNotExist();
        assertThat(got.stderr()).contains("Removed " + killedGets + ", left by an earlier get that was killed.");
        assertThat(runningGets).exists();
        Files.delete(runningGets);
        QsctlRun exists = workspace.expect(1, "object", "get", "-f", file, id, "--to", copy.toString());
        assertThat(exists.stderr()).contains("exists; pass --force");

        // Two of the six shards' nodes down: still readable, and check says what is missing.
        Map<String, JsonNode> backends = workspace.backends(spec);
        List<Long> dataNodes = backends.values().stream().filter(b -> b.path("role").asString().equals("data"))
                .map(b -> b.path("nodeId").asLong()).toList();
        List<Long> holding = nodesHoldingShards(file, id, backends);
        assertThat(holding).hasSize(6);
        for (long node : holding.subList(0, 2)) {
            workspace.expect(0, "grid", "node", "stop", Long.toString(node));
        }
        Path degradedCopy = dir.resolve("degraded.bin");
        workspace.expect(0, "object", "get", "-f", file, id, "--to", degradedCopy.toString());
        assertThat(Files.readAllBytes(degradedCopy)).isEqualTo(content);
        QsctlRun check = workspace.expect(1, "object", "check", "-f", file, id, "-o", "json");
        JsonNode report = ClusterWorkspace.json(check.stdout()).path("objects").get(0);
        assertThat(report.path("healthy").asBoolean()).isFalse();
        assertThat(report.path("readable").asBoolean()).isTrue();
        assertThat(report.path("weakestStripe").asInt()).isEqualTo(4);
        for (long node : holding.subList(0, 2)) {
            workspace.expect(0, "grid", "node", "start", Long.toString(node));
        }
        workspace.expect(0, "object", "check", "-f", file, id);

        // A node loses its disk: its shards are gone for good; repair rebuilds them on the spare backend.
        long wiped = holding.get(2);
        workspace.expect(0, "grid", "node", "wipe", Long.toString(wiped));
        workspace.expect(1, "object", "check", "-f", file, id);
        JsonNode repaired = ClusterWorkspace.json(workspace.expect(0, "object", "repair", "-f", file, id, "-o", "json")
                .stdout()).path("objects").get(0);
        assertThat(repaired.path("complete").asBoolean()).isTrue();
        assertThat(repaired.path("rebuilt").asInt()).isPositive();
        assertThat(repaired.path("relocated").asInt()).isEqualTo(repaired.path("rebuilt").asInt());
        workspace.expect(0, "object", "check", "-f", file, id);
        List<Long> after = nodesHoldingShards(file, id, backends);
        assertThat(after).hasSize(6).doesNotContain(wiped).containsAll(dataNodes.stream()
                .filter(n -> n != wiped).toList());
        Path repairedCopy = dir.resolve("repaired.bin");
        workspace.expect(0, "object", "get", "-f", file, id, "--to", repairedCopy.toString());
        assertThat(Files.readAllBytes(repairedCopy)).isEqualTo(content);

        // Nothing readable on the nodes' disks, no key in any output.
        assertThat(filesContaining(workspace.gridHome(), marker.getBytes(StandardCharsets.UTF_8)))
                .as("grid files holding the plaintext marker").isEmpty();
        Identity identity = workspace.sandboxIdentity();
        String dataKeyHex = HexFormat.of().formatHex(identity.dataKey(QuickstartSpec.CLUSTER));
        assertThat(put.stdout() + put.stderr() + check.stdout() + check.stderr()).doesNotContain(dataKeyHex);

        workspace.expect(0, "object", "delete", "-f", file, id);
        assertThat(ClusterWorkspace.json(workspace.expect(0, "object", "list", "-f", file, "-o", "json").stdout())
                .path("objects")).isEmpty();
        QsctlRun gone = workspace.expect(1, "object", "get", "-f", file, id, "--to", dir.resolve("gone.bin").toString());
        assertThat(gone.stderr()).contains(id);
        assertThat(dir.resolve("gone.bin")).doesNotExist();
    }

    @Test
    void objectCommandsOnAClusterNotYetAppliedSaySo() throws IOException {
        Path spec = workspace.write("storage.yaml", QuickstartSpec.yaml(6, "10GiB", null));
        Path original = Files.writeString(dir.resolve("a.txt"), "hello");
        QsctlRun run = workspace.expect(1, "object", "put", "-f", spec.toString(), original.toString());
        assertThat(run.stderr()).contains("has not been applied yet").contains("qsctl apply -f");
        QsctlRun missing = workspace.expect(1, "object", "put", "-f", spec.toString(), dir.resolve("nope").toString());
        assertThat(missing.stderr()).contains("no such file");
    }

    /** The nodes of the data backends that hold a shard of the object, from the check report's view. */
    private List<Long> nodesHoldingShards(String file, String id, Map<String, JsonNode> backends) {
        JsonNode described = ClusterWorkspace.json(workspace.expect(0, "object", "list", "-f", file, "-o", "json",
                "--shards").stdout());
        List<Long> nodes = new ArrayList<>();
        for (JsonNode o : described.path("objects")) {
            if (o.path("id").asString().equals(id)) {
                o.path("backends").forEach(name -> nodes.add(backends.get(name.asString()).path("nodeId").asLong()));
            }
        }
        return nodes;
    }

    private static byte[] content(int size, String marker) {
        byte[] bytes = new byte[size];
        new Random(7).nextBytes(bytes);
        byte[] text = (marker + " ").repeat(4).getBytes(StandardCharsets.UTF_8);
        // compressible text with the marker in the first stripe, random bytes elsewhere
        for (int at = 0; at + text.length < 256 * 1024; at += text.length) {
            System.arraycopy(text, 0, bytes, at, text.length);
        }
        return bytes;
    }

    private static List<Path> filesContaining(Path root, byte[] needle) throws IOException {
        List<Path> hits = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                byte[] data = Files.readAllBytes(f);
                if (indexOf(data, needle) >= 0) {
                    hits.add(f);
                }
            }
        }
        return hits;
    }

    private static int indexOf(byte[] data, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= data.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
