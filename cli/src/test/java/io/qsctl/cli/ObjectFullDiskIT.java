package io.qsctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.qsctl.common.ExitCode;
import io.qsctl.provider.identity.Identity;
import io.qsctl.testing.SmallDisk;
import io.qsctl.zdb.client.ZdbClientConfig;
import io.qsctl.zdb.client.ZdbConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code qsctl object} when a local disk fills up: real tmpfs disks of a few MiB (see
 * {@link SmallDisk}), one holding the state directory (state, journal, the object store's lock and
 * local metadata index), one for the files {@code object get} writes. The embedded grid's home,
 * where the backends keep their data, stays on the normal disk. One cluster (4 + 2 shards over 7
 * data backends) serves every test; objects of 3 MiB are one stripe, six shard chunks.
 */
class ObjectFullDiskIT {

    private static final int OBJECT_BYTES = 3 * 1024 * 1024 + 123;
    private static final int CHUNKS_PER_OBJECT = 6;
    private static final int ERROR = ExitCode.ERROR.code();

    @TempDir
    static Path dir;

    private static SmallDisk stateDisk;
    private static SmallDisk fileDisk;
    private static ClusterWorkspace workspace;
    private static Path spec;

    @BeforeEach
    void clusterWithItsStateOnASmallDisk() {
        SmallDisk.assumeAvailable();
        if (stateDisk == null) {
            stateDisk = SmallDisk.mount(dir.resolve("state"), 2 << 20);
            fileDisk = SmallDisk.mount(dir.resolve("files"), 8 << 20);
            workspace = new ClusterWorkspace(dir);
        }
        if (spec == null) {
            assertThat(workspace.stateDir(QuickstartSpec.CLUSTER).startsWith(stateDisk.path())).isTrue();
            Path file = workspace.write("storage.yaml", QuickstartSpec.yaml(7, "10GiB", null));
            workspace.expect(0, "apply", "-f", file.toString(), "--auto-approve");
            spec = file;
        }
    }

    @AfterEach
    void spaceAgain() {
        if (stateDisk != null) {
            stateDisk.release();
            fileDisk.release();
        }
    }

    @AfterAll
    static void stopTheGridAndUnmount() {
        if (stateDisk == null) {
            return;
        }
        try {
            workspace.close();
        } finally {
            stateDisk.close();
            fileDisk.close();
        }
    }

    @Test
    void aGetOntoAFullDiskFailsNamingTheFileAndLeavesNoFileAndSucceedsOnceThereIsSpace() {
        byte[] content = content(1);
        String id = put(content);
        Path copy = fileDisk.path().resolve("copy.bin");
        fileDisk.fillLeaving(1 << 20);
        Map<String, Long> before = files(fileDisk.path());

        QsctlRun full = workspace.expect(ERROR, "object", "get", "-f", spec.toString(), id, "--to", copy.toString());

        assertOneClearError(full, "cannot write " + copy + ": No space left on device");
        assertThat(copy).doesNotExist();
        assertThat(files(fileDisk.path())).as("no partial or temporary file").isEqualTo(before);

        fileDisk.release();
        workspace.expect(0, "object", "get", "-f", spec.toString(), id, "--to", copy.toString());
        assertThat(copy).hasBinaryContent(content);
    }

    @Test
    void aForcedGetThatDoesNotFitLeavesTheExistingFileAsItWas() throws IOException {
        byte[] content = content(2);
        String id = put(content);
        Path existing = fileDisk.path().resolve("existing.bin");
        byte[] previous = new byte[64 * 1024];
        new Random(3).nextBytes(previous);
        Files.write(existing, previous);
        fileDisk.fillLeaving(1 << 20);
        Map<String, Long> before = files(fileDisk.path());

        QsctlRun full = workspace.expect(ERROR, "object", "get", "-f", spec.toString(), id, "--to", existing.toString(),
                "--force");

        assertOneClearError(full, "cannot write " + existing + ": No space left on device");
        assertThat(existing).hasBinaryContent(previous);
        assertThat(files(fileDisk.path())).isEqualTo(before);

        fileDisk.release();
        workspace.expect(0, "object", "get", "-f", spec.toString(), id, "--to", existing.toString(), "--force");
        assertThat(existing).hasBinaryContent(content);
    }

    @Test
    void aPutThatCannotTakeItsLockOnAFullStateDiskFailsBeforeSendingAnythingAndLeavesNothingBehind() {
        byte[] content = content(4);
        Path original = write("locked-out.bin", content);
        List<String> objects = objectIds();
        long chunks = dataChunks();
        stateDisk.fillLeaving(0);
        Map<String, Long> before = files(stateDisk.path());

        QsctlRun full = workspace.expect(ERROR, "object", "put", "-f", spec.toString(), original.toString());

        assertOneClearError(full, "cannot take the object store's lock in " + zstorDir() + ": No space left on device");
        assertThat(full.stdout()).isEmpty();
        assertThat(files(stateDisk.path())).as("no lock record, temporary or torn file").isEqualTo(before);
        assertThat(dataChunks()).as("chunks on the data backends").isEqualTo(chunks);

        stateDisk.release();
        assertThat(objectIds()).isEqualTo(objects);
        String id = put(content);
        Path copy = dir.resolve("locked-out.copy");
        workspace.expect(0, "object", "get", "-f", spec.toString(), id, "--to", copy.toString());
        assertThat(copy).hasBinaryContent(content);
    }

    @Test
    void putGetAndDeleteOnAFullStateDiskDoTheirWorkOnTheGridAndTheLocalIndexCatchesUpOnceThereIsSpace() {
        byte[] kept = content(5);
        byte[] deleted = content(6);
        long chunks = dataChunks();
        // room for the lock's record of who holds it (tmpfs counts whole 4 KiB pages), none for an index entry
        stateDisk.fillLeaving(4096);
        Map<String, Long> before = files(stateDisk.path());

        QsctlRun putKept = workspace.expect(0, "object", "put", "-f", spec.toString(), write("kept.bin", kept).toString());
        String keptId = lastLine(putKept);
        assertThat(putKept.stderr()).contains("could not be cached in the local index").contains("No space left on device")
                .doesNotContain("\tat ").doesNotContain("error");
        String deletedId = lastLine(workspace.expect(0, "object", "put", "-f", spec.toString(),
                write("deleted.bin", deleted).toString()));
        workspace.expect(0, "object", "delete", "-f", spec.toString(), deletedId);

        assertThat(files(stateDisk.path())).as("nothing cached, torn or left behind").isEqualTo(before);
        assertThat(dataChunks()).isEqualTo(chunks + CHUNKS_PER_OBJECT);

        // a reader takes no lock, so it would cache into the page the writers' lock needed: no room at all
        stateDisk.fillLeaving(0);
        Path copy = dir.resolve("kept.copy");
        QsctlRun read = workspace.expect(0, "object", "get", "-f", spec.toString(), keptId, "--to", copy.toString());
        assertThat(copy).hasBinaryContent(kept);
        assertThat(read.stderr()).contains("could not be cached in the local index").doesNotContain("error");

        stateDisk.release();
        assertThat(objectIds()).contains(keptId).doesNotContain(deletedId);
        Path again = dir.resolve("kept.again");
        workspace.expect(0, "object", "get", "-f", spec.toString(), keptId, "--to", again.toString());
        assertThat(again).hasBinaryContent(kept);
        assertThat(files(zstorDir().resolve("meta-index").resolve("records"))).containsKey(keptId);
        QsctlRun gone = workspace.expect(ERROR, "object", "get", "-f", spec.toString(), deletedId, "--to",
                dir.resolve("deleted.copy").toString());
        assertThat(gone.stderr()).contains(deletedId);
    }

    // --- helpers -----------------------------------------------------------------------------------

    private static byte[] content(int seed) {
        byte[] bytes = new byte[OBJECT_BYTES];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Stores {@code content} from a file on the normal disk and returns its id. */
    private static String put(byte[] content) {
        Path file = write("object-" + System.nanoTime() + ".bin", content);
        return lastLine(workspace.expect(0, "object", "put", "-f", spec.toString(), file.toString()));
    }

    private static Path write(String name, byte[] content) {
        try {
            return Files.write(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String lastLine(QsctlRun run) {
        List<String> lines = run.stdout().lines().toList();
        assertThat(lines).as("stdout of a put").isNotEmpty();
        return lines.get(lines.size() - 1);
    }

    private static Path zstorDir() {
        return workspace.stateDir(QuickstartSpec.CLUSTER).resolve("zstor");
    }

    private static List<String> objectIds() {
        JsonNode listed = ClusterWorkspace.json(workspace.expect(0, "object", "list", "-f", spec.toString(), "-o", "json")
                .stdout());
        List<String> ids = new ArrayList<>();
        listed.path("objects").forEach(o -> ids.add(o.path("id").asString()));
        return ids;
    }

    /** Shard chunks held by the data backends, counted by each namespace (DBSIZE). */
    private static long dataChunks() {
        Identity identity = workspace.sandboxIdentity();
        long chunks = 0;
        for (JsonNode backend : workspace.backends(spec).values()) {
            if (!backend.path("role").asString().equals("data")) {
                continue;
            }
            String name = backend.path("name").asString();
            try (ZdbConnection zdb = ZdbConnection.open(ZdbClientConfig.parse(backend.path("endpoint").asString()))) {
                zdb.select(backend.path("namespace").asString(), identity.namespacePassword(QuickstartSpec.CLUSTER, name));
                chunks += zdb.dbsize();
            }
        }
        return chunks;
    }

    /** Every file under {@code root} with its size, by path relative to it. */
    private static Map<String, Long> files(Path root) {
        Map<String, Long> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(file).toString(), Files.size(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** One {@code error:} line starting with {@code expected}, no internal error, no stack trace. */
    private static void assertOneClearError(QsctlRun run, String expected) {
        List<String> errors = run.stderr().lines().filter(line -> line.contains("error")).toList();
        assertThat(errors).as("error lines on stderr:%n%s", run.stderr()).hasSize(1);
        assertThat(errors.get(0)).startsWith("error: " + expected);
        assertThat(run.stderr()).doesNotContain("\tat ").doesNotContain("Exception");
    }
}
