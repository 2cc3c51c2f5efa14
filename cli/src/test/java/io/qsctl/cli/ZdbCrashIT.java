package io.qsctl.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.qsctl.zdb.client.SeqKeys;
import io.qsctl.zdb.client.ZdbConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of {@code qsctl zdb} in the middle of a write storm, again and again on the same
 * directories: after every restart each acknowledged write reads back (and passes CHECK), each
 * acknowledged DEL stays deleted, and the server takes writes again.
 *
 * <p>{@code -Dzdb.crash.trials=N} sets the number of kills (default 50); {@code -Dzdb.crash.seed=S}
 * replays the random choices of a failed run (the timing of the kill cannot be replayed).
 */
class ZdbCrashIT {

    private static final int TRIALS = Integer.getInteger("zdb.crash.trials", 50);
    private static final int WRITERS = 3;
    /** Small data files, so that the storm rotates them too. */
    private static final String DATA_FILE_SIZE = "1MiB";

    @TempDir
    Path dir;

    private final List<ZdbProcess> servers = new ArrayList<>();
    private final ExecutorService storm = Executors.newFixedThreadPool(WRITERS);
    private final ScheduledExecutorService killer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void killEverything() throws InterruptedException {
        killer.shutdownNow();
        storm.shutdownNow();
        servers.forEach(ZdbProcess::close);
        storm.awaitTermination(30, TimeUnit.SECONDS);
    }

    @Test
    void everyAcknowledgedWriteSurvivesAKill9AtARandomMoment() throws Exception {
        long seed = Long.getLong("zdb.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        String run = "seed " + seed + " (-Dzdb.crash.seed=" + seed + " replays the choices)";
        AcknowledgedWrites model = new AcknowledgedWrites();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        long started = System.nanoTime();
        int acknowledged = 0;
        int unsettled = 0;

        ZdbProcess server = start();
        try (ZdbConnection admin = server.connect()) {
            admin.nsnew(StormWriter.SEQ);
            admin.nsset(StormWriter.SEQ, "mode", "seq");
        }
        for (int trial = 1; trial <= TRIALS; trial++) {
            long delay = 50 + random.nextInt(651);
            List<Future<Integer>> writers = new ArrayList<>();
            AtomicBoolean killSent = new AtomicBoolean();
            for (int w = 0; w < WRITERS; w++) {
                writers.add(storm.submit(new StormWriter(w, model, server.client(), random.nextLong(), trial, failures,
                        killSent::get)));
            }
            ZdbProcess victim = server;
            killer.schedule(() -> {
                killSent.set(true);
                victim.kill();
            }, delay, TimeUnit.MILLISECONDS).get(60, TimeUnit.SECONDS);
            for (Future<Integer> writer : writers) {
                acknowledged += writer.get(60, TimeUnit.SECONDS);
            }
            assertThat(failures).as(run).isEmpty();
            unsettled += model.unsettled();

            server = start();
            verify(server, model, trial, run);
        }

        assertThat(server.stop()).as("a clean stop after %d kills", TRIALS).isZero();
        verify(start(), model, TRIALS + 1, run);

        long dataFiles = dataFiles();
        System.out.printf("ZdbCrashIT: %d kills in %.1f s, %d acknowledged writes, %d writes in flight at a kill, "
                + "%d keys checked, %d data files, %s%n", TRIALS, (System.nanoTime() - started) / 1e9, acknowledged,
                unsettled, model.size(), dataFiles, run);
        assertThat(acknowledged).as("the storm wrote").isGreaterThan(TRIALS * 10);
        assertThat(dataFiles).as("the storm rotated data files").isGreaterThan(TRIALS);
    }

    private ZdbProcess start() {
        ZdbProcess server = ZdbProcess.start(dir, "--port", "0", "--data", "data", "--index", "index",
                "--datasize", DATA_FILE_SIZE);
        servers.add(server);
        return server;
    }

    /** Every key reads back as acknowledged, CHECK passes, and the restarted server takes writes. */
    private static void verify(ZdbProcess server, AcknowledgedWrites model, int trial, String run) {
        try (ZdbConnection user = server.connect(); ZdbConnection seq = ZdbConnection.open(
                server.client().withNamespace(StormWriter.SEQ))) {
            List<String> problems = new ArrayList<>(model.verify("default", user, trial));
            problems.addAll(model.verify(StormWriter.SEQ, seq, trial));
            if (!problems.isEmpty()) {
                throw new AssertionError(problems.size() + " keys do not hold what was acknowledged (" + run + "):\n  "
                        + String.join("\n  ", problems.subList(0, Math.min(20, problems.size())))
                        + (problems.size() > 20 ? "\n  ..." : "") + "\nserver log:\n" + server.stderr());
            }

            byte[] probe = ("probe after kill " + trial).getBytes(UTF_8);
            user.set(probe, probe);
            assertThat(user.get(probe)).as("a write after restart %d", trial)
                    .hasValueSatisfying(value -> assertThat(value).isEqualTo(probe));
            byte[] id = seq.insert(probe);
            assertThat(seq.get(id)).as("a seq insert (id %d) after restart %d", SeqKeys.id(id), trial)
                    .hasValueSatisfying(value -> assertThat(value).isEqualTo(probe));
        }
    }

    private long dataFiles() throws IOException {
        try (var files = Files.walk(dir.resolve("data"))) {
            return files.filter(f -> f.getFileName().toString().matches("d[0-9]+")).count();
        }
    }
}
