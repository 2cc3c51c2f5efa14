package io.qsctl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qsctl.common.ExitCode;
import io.qsctl.provider.identity.Identity;
import io.qsctl.testing.NamedPipe;
import io.qsctl.zdb.client.ZdbClientConfig;
import io.qsctl.zdb.client.ZdbConnection;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * SIGINT and SIGTERM sent to the packaged qsctl in the middle of {@code object get} and
 * {@code object put}: nothing partial stays behind, one line says where things stand and what to
 * run, the exit code is 130 or 143, and what {@code object list} and the backends show agrees
 * with the line. One cluster (4 + 2 shards over 6 nodes) and one object of 64 MiB serve every
 * test. A get is caught mid-way by freezing it (SIGSTOP) as soon as its partial file appears; a
 * put is fed through a pipe that stays open, so it cannot finish before the signal.
 */
class ObjectTransferSignalIT {

    private static final Duration LIMIT = ClusterWorkspace.RUN_LIMIT;

    @TempDir
    static Path dir;

    private static ClusterWorkspace workspace;
    private static String spec;
    private static String id;
    private static List<JsonNode> dataBackends;

    @BeforeEach
    void clusterWithOneLargeObject() throws IOException {
        if (workspace == null) {
            workspace = new ClusterWorkspace(dir);
            spec = workspace.write("storage.yaml", QuickstartSpec.yaml(6, "10GiB", null)).toString();
            workspace.expect(0, "apply", "-f", spec, "--auto-approve");
            Path original = Files.write(dir.resolve("original.bin"), random(64 << 20, 1));
            String out = workspace.expect(0, "object", "put", "-f", spec, original.toString()).stdout();
            id = out.lines().reduce((first, last) -> last).orElseThrow();
            dataBackends = workspace.backends(Path.of(spec)).values().stream()
                    .filter(backend -> backend.path("role").asString().equals("data")).toList();
        }
    }

    @AfterAll
    static void stopTheGrid() {
        if (workspace != null) {
            workspace.close();
        }
    }

    @Test
    void sigintDuringAGetRemovesItsPartialFileAndSaysNothingWasWritten() {
        Path copy = dir.resolve("copy.bin");
        try (QsctlProcess get = workspace.startInterruptible(false, "object", "get", "-f", spec, id, "--to",
                copy.toString())) {
            Path partial = frozenWhileWriting(get, copy);

            get.signal("INT");
            get.signal("CONT");
            QsctlRun run = get.await(LIMIT);

            assertThat(run.exitCode()).as(run.stderr()).isEqualTo(ExitCode.INTERRUPTED.code());
            assertThat(errorLines(run)).containsExactly("error: object get interrupted (SIGINT): its partial file was "
                    + "removed and nothing was written at " + copy + "; run the same get again to read the object");
            assertThat(partial).doesNotExist();
            assertThat(copy).doesNotExist();
        }
    }

    @Test
    void sigtermDuringAForcedGetLeavesTheFileItWasToReplaceAsItWas() throws IOException {
        Path existing = Files.writeString(dir.resolve("existing.txt"), "what was there before");
        try (QsctlProcess get = workspace.startInterruptible(false, "object", "get", "-f", spec, id, "--to",
                existing.toString(), "--force")) {
            Path partial = frozenWhileWriting(get, existing);

            get.signal("TERM");
            get.signal("CONT");
            QsctlRun run = get.await(LIMIT);

            assertThat(run.exitCode()).as(run.stderr()).isEqualTo(ExitCode.TERMINATED.code());
            assertThat(errorLines(run)).containsExactly("error: object get interrupted (SIGTERM): its partial file was "
                    + "removed and " + existing + " was left as it was; run the same get again to read the object");
            assertThat(partial).doesNotExist();
            assertThat(existing).hasContent("what was there before");
        }
    }

    @Test
    void sigintWhileTheReaderOfAPipeHasStoppedReadingEndsTheGetAtOnce() throws Exception {
        Path fifo = NamedPipe.create(dir.resolve("stalled-pipe"));
        CountDownLatch readSome = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
            try (InputStream in = new FileInputStream(fifo.toFile())) {
                in.readNBytes(new byte[1000], 0, 1000); // not readNBytes(int): Java 17 seeks a pipe there
                readSome.countDown();
                letGo.await(); // holds the pipe open without reading: the get blocks writing
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try (QsctlProcess get = workspace.startInterruptible(false, "object", "get", "-f", spec, id, "--to",
                fifo.toString())) {
            assertThat(readSome.await(LIMIT.toSeconds(), TimeUnit.SECONDS)).as("the pipe's reader got bytes: %s",
                    get.stderr()).isTrue();

            get.signal("INT");
            QsctlRun run = get.await(LIMIT);

            assertThat(run.exitCode()).as(run.stderr()).isEqualTo(ExitCode.INTERRUPTED.code());
            assertThat(errorLines(run)).containsExactly("error: object get interrupted (SIGINT): what " + fifo
                    + " received is incomplete; run the same get again to read the whole object");
        } finally {
            letGo.countDown();
        }
        reader.get(30, TimeUnit.SECONDS);
    }

    @ParameterizedTest(name = "SIG{0}")
    @ValueSource(strings = {"INT", "TERM"})
    void aSignalDuringAPutStoresNothingAndDeletesTheChunksItHadSent(String signal) {
        List<String> objectsBefore = objects();
        long chunksBefore = chunksOnDataBackends();
        try (QsctlProcess put = workspace.startInterruptible(true, "object", "put", "-f", spec, "-")) {
            // returns once qsctl read all but the pipe's buffer; the input stays open, so the put cannot end
            put.feed(random(12 << 20, 2));
            await().atMost(LIMIT).until(() -> chunksOnDataBackends() > chunksBefore);

            put.signal(signal);
            QsctlRun run = put.await(LIMIT);

            int code = signal.equals("INT") ? ExitCode.INTERRUPTED.code() : ExitCode.TERMINATED.code();
            assertThat(run.exitCode()).as(run.stderr()).isEqualTo(code);
            assertThat(errorLines(run)).containsExactly("error: object put interrupted (SIG" + signal + "): nothing "
                    + "was stored, and the shard chunks it had sent were deleted (any on a backend that did not answer "
                    + "stay there, unreferenced: nothing lists, reads or removes them yet); run the same put again to "
                    + "store the file");
            assertThat(run.stdout()).as("no object id").isEmpty();
        }
        assertThat(objects()).as("object list after the interrupted put").isEqualTo(objectsBefore);
        assertThat(chunksOnDataBackends()).as("keys on the data backends").isEqualTo(chunksBefore);
    }

    /**
     * Waits until the get writes its partial file beside {@code target}, then freezes it with
     * SIGSTOP so that it stays mid-way; returns the partial file. A get of 64 MiB takes over a
     * second here; the partial file is looked for every 10 ms.
     */
    private static Path frozenWhileWriting(QsctlProcess get, Path target) {
        await().pollInterval(Duration.ofMillis(10)).atMost(LIMIT)
                .until(() -> !partials(target).isEmpty() || !get.isAlive());
        get.signal("STOP");
        List<Path> partials = partials(target);
        assertThat(partials).as("the get's partial file, while it is frozen mid-way; stderr: %s", get.stderr()).hasSize(1);
        return partials.get(0);
    }

    private static List<Path> partials(Path target) {
        String prefix = "." + target.getFileName() + ".";
        try (Stream<Path> files = Files.list(target.getParent())) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)
                    && f.getFileName().toString().endsWith(".partial")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines qsctl printed as errors: a signal must leave exactly one. */
    private static List<String> errorLines(QsctlRun run) {
        return run.stderr().lines().filter(line -> line.contains("error")).toList();
    }

    private static List<String> objects() {
        JsonNode listed = ClusterWorkspace.json(workspace.expect(0, "object", "list", "-f", spec, "-o", "json").stdout());
        List<String> ids = new ArrayList<>();
        listed.path("objects").forEach(o -> ids.add(o.path("id").asString()));
        return ids.stream().sorted().toList();
    }

    /** Live keys on every data backend of the cluster: the shard chunks stored there. */
    private static long chunksOnDataBackends() {
        Identity identity = workspace.sandboxIdentity();
        long keys = 0;
        for (JsonNode backend : dataBackends) {
            try (ZdbConnection zdb = ZdbConnection.open(ZdbClientConfig.parse(backend.path("endpoint").asString()))) {
                zdb.select(backend.path("namespace").asString(),
                        identity.namespacePassword(QuickstartSpec.CLUSTER, backend.path("name").asString()));
                keys += zdb.dbsize();
            }
        }
        return keys;
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
