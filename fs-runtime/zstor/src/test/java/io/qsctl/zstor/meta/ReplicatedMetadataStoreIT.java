package io.qsctl.zstor.meta;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.qsctl.common.ExitCode;
import io.qsctl.zdb.client.ZdbConnection;
import io.qsctl.zdb.engine.ZdbEngine;
import io.qsctl.zstor.meta.MetadataRepository.VersionedRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The metadata store against four real 0-db servers on loopback. */
class ReplicatedMetadataStoreIT {

    private static final byte[] KEY = RecordCipherTest.key(7);
    private static final byte[] OTHER_KEY = RecordCipherTest.key(8);
    private static final MetadataStoreOptions OPTIONS = MetadataStoreOptions.DEFAULT
            .withBackendTimeout(Duration.ofSeconds(2)).withScanTimeout(Duration.ofSeconds(20));

    @TempDir
    Path tmp;

    private MetaZdbServers servers;
    private ReplicatedMetadataStore store;
    private final List<ReplicatedMetadataStore> opened = new ArrayList<>();
    private int localDirs;

    @BeforeEach
    void startServers() {
        servers = new MetaZdbServers(tmp.resolve("zdb"), 4);
        store = open(KEY);
    }

    @AfterEach
    void stopEverything() {
        opened.forEach(ReplicatedMetadataStore::close);
        servers.close();
    }

    /** A store as a new process would open it: same backends, its own (new) local index. */
    private ReplicatedMetadataStore open(byte[] key) {
        return open(key, tmp.resolve("local-" + ++localDirs));
    }

    private ReplicatedMetadataStore open(byte[] key, Path localDir) {
        ReplicatedMetadataStore opening = ReplicatedMetadataStore.open(servers.backends(), key, localDir, OPTIONS);
        opened.add(opening);
        return opening;
    }

    private void close(ReplicatedMetadataStore which) {
        which.close();
        opened.remove(which);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    /** VersionedRecord holds an array, so its equals is identity: compare the parts. */
    private static void assertVersion(Optional<VersionedRecord> actual, long generation, String record) {
        assertThat(actual).isPresent();
        assertThat(actual.get().generation()).isEqualTo(generation);
        assertThat(new String(actual.get().record(), UTF_8)).isEqualTo(record);
    }

    private static String text(Optional<VersionedRecord> record) {
        return new String(record.orElseThrow().record(), UTF_8);
    }

    @Test
    void aRecordRoundTripsThroughFourBackends() {
        long first = store.put("a0b1c2", bytes("segment 1: shards on data-03, data-07"));
        long second = store.put("a0b1c2", bytes("segment 1: repaired onto data-09"));

        assertThat(second).isGreaterThan(first);
        assertVersion(store.get("a0b1c2"), second, "segment 1: repaired onto data-09");
        assertThat(text(store.getFromBackends("a0b1c2"))).isEqualTo("segment 1: repaired onto data-09");
        assertThat(open(KEY).get("a0b1c2").orElseThrow().generation()).isEqualTo(second);
        assertThat(store.get("ffff")).isEmpty();
    }

    @Test
    void aRecordReadsWithTwoOfFourBackendsStopped() {
        store.put("a0b1c2", bytes("record"));
        servers.stop(0);
        servers.stop(2);

        assertThat(text(open(KEY).get("a0b1c2"))).isEqualTo("record");
        assertThat(text(store.getFromBackends("a0b1c2"))).isEqualTo("record");
    }

    @Test
    void aWriteWithOneBackendStoppedSucceedsAndRepairFillsTheBackendWhenItReturns() {
        servers.stop(3);
        long generation = store.put("a0b1c2", bytes("written degraded"));

        servers.start(3);
        RepairReport report = store.repair("a0b1c2");
        servers.stop(0);
        servers.stop(1);

        assertThat(report.generation()).isEqualTo(generation);
        assertThat(report.rewritten()).containsExactly("meta-3");
        assertThat(report.complete()).isTrue();
        assertThat(text(open(KEY).get("a0b1c2"))).isEqualTo("written degraded");
    }

    @Test
    void aWriteWithTwoBackendsStoppedFailsNamingThemAndTheOldVersionStillReads() {
        long old = store.put("a0b1c2", bytes("version 1"));
        servers.stop(1);
        servers.stop(2);

        assertThatThrownBy(() -> store.put("a0b1c2", bytes("version 2")))
                .isInstanceOf(MetadataUnavailableException.class)
                .satisfies(e -> assertThat(((MetadataUnavailableException) e).exitCode()).isEqualTo(ExitCode.ERROR))
                .hasMessageContaining("only 2 of 4 metadata backends are reachable and 3 must acknowledge a write")
                .hasMessageContaining("meta-1 (").hasMessageContaining("meta-2 (")
                .hasMessageNotContaining("meta-0 (").hasMessageNotContaining(servers.password(1))
                .hasMessageContaining("Nothing was written");
        assertVersion(store.getFromBackends("a0b1c2"), old, "version 1");
        assertVersion(open(KEY).get("a0b1c2"), old, "version 1");
    }

    @Test
    void writesThatFailHalfwayOnEveryBackendInTurnNeverCostThePreviousVersion() {
        long old = store.put("a0b1c2", bytes("the committed version"));
        long highestFailed = 0;
        for (int accepting = 0; accepting < 4; accepting++) {
            for (int i = 0; i < 4; i++) {
                servers.lock(i, i != accepting);
            }
            int only = accepting;
            assertThatThrownBy(() -> store.put("a0b1c2", bytes("never committed")))
                    .isInstanceOf(MetadataUnavailableException.class)
                    .hasMessageContaining("was acknowledged by 1 of 4 metadata backends, 3 needed")
                    .satisfies(e -> {
                        for (int i = 0; i < 4; i++) {
                            if (i != only) {
                                assertThat(e.getMessage()).contains("meta-" + i + " (");
                            }
                        }
                    })
                    .hasMessageNotContaining(servers.password(only));
            assertVersion(store.getFromBackends("a0b1c2"), old, "the committed version");
            highestFailed = Math.max(highestFailed, store.getFromBackends("a0b1c2").orElseThrow().generation());
        }
        for (int i = 0; i < 4; i++) {
            servers.lock(i, false);
        }

        long next = store.put("a0b1c2", bytes("the next version"));

        assertThat(highestFailed).isEqualTo(old);
        assertThat(next).isGreaterThan(old + 4);
        assertThat(text(open(KEY).get("a0b1c2"))).isEqualTo("the next version");
    }

    @Test
    void aBackendThatMissedGenerationsComesBackAndTheNewestStillWins() {
        store.put("a0b1c2", bytes("version 1"));
        servers.stop(3);
        store.put("a0b1c2", bytes("version 2"));
        long newest = store.put("a0b1c2", bytes("version 3"));
        servers.start(3);

        ReplicatedMetadataStore fresh = open(KEY);
        assertVersion(fresh.get("a0b1c2"), newest, "version 3");
        servers.stop(0);
        assertThat(text(fresh.getFromBackends("a0b1c2"))).isEqualTo("version 3");
    }

    @Test
    void aVersionWrittenWithOneBackendDownIsNeverReadStaleFromThatBackendAndOneOther() {
        store.put("a0b1c2", bytes("version 1"));
        servers.stop(3);
        store.put("a0b1c2", bytes("version 2"));
        servers.start(3);
        servers.stop(1);
        servers.stop(2);

        // meta-0 holds version 2, meta-3 only version 1: version 2 may be on meta-1 and meta-2 as well
        assertThatThrownBy(() -> open(KEY).get("a0b1c2")).isInstanceOf(MetadataUnavailableException.class)
                .hasMessageContaining("has 1 valid shard in view, 2 are needed to read it")
                .hasMessageContaining("meta-1 (").hasMessageContaining("meta-2 (");
        servers.start(1);
        assertThat(text(open(KEY).get("a0b1c2"))).isEqualTo("version 2");
    }

    @Test
    void corruptedShardBytesAreDetectedSkippedReportedAndRepaired() {
        store.put("a0b1c2", bytes("version 1"));
        long newest = store.put("a0b1c2", bytes("version 2"));
        try (ZdbConnection connection = servers.connect(1)) {
            for (int slot = 0; slot < Slots.COUNT; slot++) {
                byte[] key = Slots.key("a0b1c2", slot);
                byte[] value = connection.get(key).orElseThrow();
                value[value.length - 1] ^= 0x40;
                connection.set(key, value);
            }
        }

        ReplicatedMetadataStore fresh = open(KEY);
        assertVersion(fresh.get("a0b1c2"), newest, "version 2");
        assertThat(fresh.health().backends()).containsExactly(
                new BackendHealth("meta-0", new BackendState.Reachable()),
                new BackendHealth("meta-1", new BackendState.Corrupt(List.of("a0b1c2"))),
                new BackendHealth("meta-2", new BackendState.Reachable()),
                new BackendHealth("meta-3", new BackendState.Reachable()));

        RepairReport report = fresh.repair("a0b1c2");

        assertThat(report.rewritten()).containsExactly("meta-1");
        assertThat(report.cleaned()).containsExactly("meta-1");
        assertThat(fresh.health().healthy()).isTrue();
        servers.stop(0);
        servers.stop(2);
        assertThat(text(open(KEY).get("a0b1c2"))).isEqualTo("version 2");
    }

    @Test
    void aDeletedRecordStaysDeletedWhenABackendThatMissedTheDeleteReturns() {
        store.put("a0b1c2", bytes("to be deleted"));
        store.put("d3e4f5", bytes("kept"));
        servers.stop(3);
        store.delete("a0b1c2");
        servers.start(3);

        ReplicatedMetadataStore fresh = open(KEY);
        assertThat(fresh.get("a0b1c2")).isEmpty();
        assertThat(fresh.list()).containsExactly("d3e4f5");
        RepairSummary summary = fresh.repairAll();
        assertThat(summary.repaired()).extracting(RepairReport::id).containsExactly("a0b1c2");
        assertThat(summary.repaired().get(0).rewritten()).containsExactly("meta-3");
        assertThat(summary.complete()).isTrue();

        servers.stop(0);
        servers.stop(1);
        assertThat(open(KEY).get("a0b1c2")).as("the tombstone is now on meta-3 as well").isEmpty();
        assertThat(store.get("a0b1c2")).isEmpty();
    }

    @Test
    void aNewMachineRecoversEveryRecordFromTheBackendsAloneAndThenReadsOffline() {
        TreeSet<String> live = new TreeSet<>();
        for (int i = 0; i < 30; i++) {
            String id = String.format("%08x", i * 2654435761L & 0xffffffffL);
            store.put(id, bytes("record " + i));
            live.add(id);
        }
        List<String> deleted = List.copyOf(new ArrayList<>(live).subList(0, 5));
        for (String id : deleted) {
            store.delete(id);
            live.remove(id);
        }
        close(store);

        ReplicatedMetadataStore newMachine = open(KEY);
        assertThat(newMachine.list()).containsExactlyElementsOf(live);
        assertThat(newMachine.rebuildIndex()).isEqualTo(new IndexRebuild(25, 5, 0));
        for (int i = 0; i < 4; i++) {
            servers.stop(i);
        }

        for (String id : live) {
            assertThat(newMachine.get(id)).isPresent();
        }
        for (String id : deleted) {
            assertThat(newMachine.get(id)).as("deleted").isEmpty();
        }
        assertThatThrownBy(newMachine::list).isInstanceOf(MetadataUnavailableException.class)
                .hasMessageContaining("only 0 of 4 metadata backends could be scanned");
    }

    @Test
    void aReplacedBackendIsFilledByRepairAll() {
        for (int i = 0; i < 10; i++) {
            store.put("r" + i, bytes("record " + i));
        }
        store.delete("r9");
        servers.replace(2);

        ReplicatedMetadataStore afterReplacement = open(KEY);
        RepairSummary summary = afterReplacement.repairAll();

        assertThat(summary.checked()).isEqualTo(10);
        assertThat(summary.repaired()).hasSize(10).allSatisfy(r -> assertThat(r.rewritten()).containsExactly("meta-2"));
        assertThat(summary.complete()).isTrue();
        assertThat(afterReplacement.repairAll().repaired()).as("nothing left to do").isEmpty();
        servers.stop(0);
        servers.stop(1);
        ReplicatedMetadataStore reader = open(KEY);
        for (int i = 0; i < 9; i++) {
            assertThat(text(reader.get("r" + i))).isEqualTo("record " + i);
        }
        assertThat(reader.get("r9")).isEmpty();
    }

    @Test
    void manyThreadsWriteAndReadDifferentRecordsAtOnce() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                work.add(threads.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        String id = "t" + thread + "-" + i;
                        long generation = store.put(id, bytes(id));
                        assertVersion(store.get(id), generation, id);
                        assertThat(store.put(id, bytes(id + "'"))).isGreaterThan(generation);
                    }
                    return null;
                }));
            }
            for (Future<?> done : work) {
                done.get();
            }
        } finally {
            threads.shutdownNow();
        }

        ReplicatedMetadataStore fresh = open(KEY);
        assertThat(fresh.list()).hasSize(200);
        assertThat(text(fresh.get("t7-24"))).isEqualTo("t7-24'");
    }

    @Test
    void neitherTheBackendsNorTheLocalIndexHoldPlaintextKeysOrPasswords() {
        byte[] marker = bytes("PLAINTEXT-MARKER-4d61726b6572");
        byte[] record = bytes("shards of segment 17: PLAINTEXT-MARKER-4d61726b6572 on data-03");
        store.put("a0b1c2", record);
        store.put("d3e4f5", record);
        store.delete("d3e4f5");
        store.get("a0b1c2");
        List<byte[]> neverStored = List.of(marker, KEY, MetaKeys.derive(KEY).recordKey().getEncoded());
        List<byte[]> passwords = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            passwords.add(bytes(servers.password(i)));
        }
        close(store);
        for (int i = 0; i < 4; i++) {
            servers.stop(i);
        }

        List<Path> files = new ArrayList<>(MetaZdbServers.filesUnder(tmp.resolve("local-1")));
        for (int i = 0; i < 4; i++) {
            files.addAll(servers.files(i));
        }
        assertThat(files).anyMatch(f -> f.getFileName().toString().equals("a0b1c2"));
        assertThat(files).anyMatch(f -> f.getFileName().toString().startsWith("d"));
        for (Path file : files) {
            byte[] content = read(file);
            for (byte[] secret : neverStored) {
                assertThat(indexOf(content, secret)).as("%s holds plaintext or key bytes", file).isEqualTo(-1);
            }
            // 0-db keeps each namespace's own password in its descriptor file, by design; records never hold one
            if (!file.getFileName().toString().equals(ZdbEngine.descriptorFile())) {
                for (byte[] password : passwords) {
                    assertThat(indexOf(content, password)).as("%s holds a backend password", file).isEqualTo(-1);
                }
            }
        }
    }

    @Test
    void aWrongMetadataKeyIsAClearErrorNeverGarbage() {
        store.put("a0b1c2", bytes("record"));
        ReplicatedMetadataStore wrong = open(OTHER_KEY);

        assertThatThrownBy(() -> wrong.get("a0b1c2")).isInstanceOf(WrongMetadataKeyException.class)
                .hasMessageContaining("written under a different metadata key");
        assertThatThrownBy(wrong::list).isInstanceOf(WrongMetadataKeyException.class);
        assertThatThrownBy(() -> wrong.put("a0b1c2", bytes("overwrite"))).isInstanceOf(WrongMetadataKeyException.class);
        assertThatThrownBy(() -> wrong.delete("a0b1c2")).isInstanceOf(WrongMetadataKeyException.class);
        assertThat(text(store.getFromBackends("a0b1c2"))).as("nothing was overwritten").isEqualTo("record");

        close(store);
        assertThatThrownBy(() -> open(OTHER_KEY, tmp.resolve("local-1"))).isInstanceOf(WrongMetadataKeyException.class)
                .hasMessageContaining("local metadata index");
    }

    @Test
    void healthNamesTheBackendsThatDoNotAnswer() {
        servers.stop(2);

        MetadataHealth health = store.health();

        assertThat(health.backends().get(2).state()).isInstanceOf(BackendState.Unreachable.class);
        assertThat(((BackendState.Unreachable) health.backends().get(2).state()).reason())
                .contains("127.0.0.1").doesNotContain(servers.password(2));
        assertThat(health.writable()).isTrue();
        assertThat(health.readable()).isTrue();
        servers.stop(3);
        assertThat(store.health().writable()).isFalse();
        servers.start(2);
        servers.start(3);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(store.health().healthy()).isTrue());
    }

    @Test
    void readingWhenTooFewBackendsAnswerNamesThemInsteadOfGuessing() {
        store.put("a0b1c2", bytes("record"));
        servers.stop(0);
        servers.stop(1);
        servers.stop(2);

        assertThatThrownBy(() -> open(KEY).get("a0b1c2")).isInstanceOf(MetadataUnavailableException.class)
                .hasMessageContaining("cannot read metadata record a0b1c2")
                .hasMessageContaining("meta-0 (").hasMessageContaining("meta-1 (").hasMessageContaining("meta-2 (");
        assertThat(text(store.get("a0b1c2"))).as("the local index still answers").isEqualTo("record");
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
