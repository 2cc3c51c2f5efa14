package io.qsctl.zstor.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.qsctl.zdb.client.ZdbConnection;
import io.qsctl.zstor.ZStore;
import io.qsctl.zstor.backend.Backend;
import io.qsctl.zstor.health.BackendHealth;
import io.qsctl.zstor.health.HealthState;
import io.qsctl.zstor.segment.KeyMode;
import io.qsctl.zstor.segment.SegmentRecord;
import io.qsctl.zstor.segment.ShardChunk;
import io.qsctl.zstor.segment.Stripe;
import io.qsctl.zstor.store.CheckReport;
import io.qsctl.zstor.store.ChunkProblem;
import io.qsctl.zstor.store.RebalanceReport;
import io.qsctl.zstor.store.RepairReport;
import io.qsctl.zstor.store.RetrieveResult;
import io.qsctl.zstor.store.ScrubReport;
import io.qsctl.zstor.store.StoreFailedException;
import io.qsctl.zstor.store.StoreResult;
import io.qsctl.zstor.store.ZStoreConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The store against 20 real 0-db servers on loopback (16+4, seq-mode namespaces with passwords):
 * damage, scrub, repair, replaced backends, degraded writes, secrets. Small segments (256 KiB
 * shard chunks, so a few MiB make several stripes); the 1 GiB case is {@link GibibyteIT}.
 */
class ZStoreIT {

    private static final int SHARD_CHUNK = 256 * 1024;

    @TempDir
    Path root;

    private ZdbCluster cluster;
    private final InMemoryMetadata metadata = new InMemoryMetadata();
    private final byte[] dataKey = randomKey();
    private ZStore store;

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    @AfterEach
    void tearDown() {
        if (store != null) {
            store.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private ZStoreConfig config(List<Backend> backends, int data, int parity) {
        return ZStoreConfig.of(backends, data, parity, dataKey, metadata).withShardChunkSize(SHARD_CHUNK)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(20));
    }

    private ZStore open(List<Backend> backends) {
        if (store != null) {
            store.close();
        }
        store = ZStore.open(config(backends, 16, 4));
        return store;
    }

    private ZStore startTwenty(KeyMode mode) {
        cluster = ZdbCluster.start(root.resolve("zdb"), 20, mode);
        store = ZStore.open(config(cluster.backends(), 16, 4).withKeyMode(mode));
        return store;
    }

    private record Stored(String id, long size, long seed, boolean compressible, StoreResult result) {
        String sha256() {
            return TestData.sha256(size, seed, compressible);
        }
    }

    private Stored put(long size, long seed, boolean compressible) {
        try (InputStream in = TestData.stream(size, seed, compressible)) {
            StoreResult result = store.store(in);
            return new Stored(result.id(), size, seed, compressible, result);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private RetrieveResult assertReadsBack(Stored stored) {
        TestData.Sink sink = new TestData.Sink();
        RetrieveResult result = store.retrieve(stored.id(), sink);
        assertThat(sink.count()).isEqualTo(stored.size());
        assertThat(sink.sha256()).isEqualTo(stored.sha256());
        assertThat(result.size()).isEqualTo(stored.size());
        return result;
    }

    /** How many shard chunks of these segments a backend holds. */
    private long chunksOn(String backend, Stored... segments) {
        long count = 0;
        for (Stored segment : segments) {
            for (Stripe stripe : store.describe(segment.id()).stripes()) {
                count += stripe.shards().stream().filter(s -> s.backend().equals(backend)).count();
            }
        }
        return count;
    }

    private static Map<String, Integer> sum(List<RepairReport> reports) {
        Map<String, Integer> total = new HashMap<>();
        reports.forEach(r -> r.rebuiltPerBackend().forEach((k, v) -> total.merge(k, v, Integer::sum)));
        return total;
    }

    @Test
    void segmentsOfAnySizeReadBackExactlyIncludingEmptyOnes() {
        startTwenty(KeyMode.SEQ);
        for (long size : new long[] {0, 1, 1000, 4_000_000, 9_000_000}) {
            Stored stored = put(size, size, size % 2 == 0);
            assertThat(stored.result().degraded()).isFalse();
            RetrieveResult read = assertReadsBack(stored);
            assertThat(read.problems()).isZero();
            assertThat(store.check(stored.id()).healthy()).isTrue();
        }
        assertThat(store.list()).hasSize(5);
    }

    @Test
    void flippedBytesAreFoundByScrubAndRepairedInPlaceAndAReadThenMeetsOnlyGoodData() throws IOException {
        startTwenty(KeyMode.SEQ);
        Stored stored = put(40_000_000, 1, false);
        Stored other = put(3_000_000, 2, true);
        SegmentRecord record = store.describe(stored.id());
        assertThat(record.stripes()).hasSizeGreaterThan(4);

        // bit rot: bytes flipped in the data file of the server holding shard 2 of stripe 1
        ShardChunk rotten = record.stripes().get(1).shards().get(2);
        int rottenServer = cluster.indexOf(rotten.backend());
        byte[] good;
        try (ZdbConnection connection = cluster.data(rottenServer)) {
            good = connection.get(rotten.key()).orElseThrow();
            flipInDataFiles(cluster.dataDir(rottenServer), good);
            assertThat(connection.get(rotten.key()).orElseThrow()).isNotEqualTo(good);
        }
        // a value overwritten through the protocol, its header intact: parity shard 18 of stripe 3
        ShardChunk overwritten = record.stripes().get(3).shards().get(18);
        try (ZdbConnection connection = cluster.data(cluster.indexOf(overwritten.backend()))) {
            byte[] garbage = connection.get(overwritten.key()).orElseThrow();
            byte[] noise = new byte[garbage.length - 100];
            new SecureRandom().nextBytes(noise);
            System.arraycopy(noise, 0, garbage, 100, noise.length);
            connection.set(overwritten.key(), garbage);
        }

        ScrubReport scrub = store.scrub(List.of(), 0, false);
        assertThat(scrub.segments()).isEqualTo(2);
        assertThat(scrub.damaged()).hasSize(1);
        CheckReport damaged = scrub.damaged().get(0);
        assertThat(damaged.id()).isEqualTo(stored.id());
        assertThat(damaged.problems()).extracting(ChunkProblem::stripe, ChunkProblem::shard, ChunkProblem::kind)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(1, 2, ChunkProblem.Kind.CORRUPT),
                        org.assertj.core.groups.Tuple.tuple(3, 18, ChunkProblem.Kind.CORRUPT));
        assertThat(damaged.readable()).isTrue();

        RepairReport repair = store.repair(stored.id());
        assertThat(repair.rebuilt()).isEqualTo(2);
        assertThat(repair.relocated()).isZero();
        assertThat(repair.rebuiltPerBackend()).isEqualTo(Map.of(rotten.backend(), 1, overwritten.backend(), 1));
        assertThat(repair.supersededDeleted()).isEqualTo(2);
        assertThat(repair.complete()).isTrue();
        assertThat(repair.generation()).isGreaterThan(stored.result().generation());
        try (ZdbConnection connection = cluster.data(rottenServer)) {
            assertThat(connection.get(rotten.key())).as("the rotten chunk is deleted").isEmpty();
        }

        assertThat(store.scrub(List.of(), 0, false).damaged()).isEmpty();
        RetrieveResult read = assertReadsBack(stored);
        // (parity may still be used where a hedged read answered first)
        assertThat(read.problems()).as("a read after the repair meets no bad chunk").isZero();
        assertReadsBack(other);
    }

    /** Finds {@code value} in the namespace's data files and flips bytes in its middle, on disk. */
    private static void flipInDataFiles(Path dataDir, byte[] value) throws IOException {
        byte[] probe = java.util.Arrays.copyOfRange(value, 100, 164);
        try (Stream<Path> files = Files.list(dataDir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("d\\d+")).toList()) {
                byte[] content = Files.readAllBytes(file);
                int at = indexOf(content, probe);
                if (at >= 0) {
                    long position = at - 100 + value.length / 2;
                    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                        ByteBuffer bytes = ByteBuffer.allocate(8);
                        channel.read(bytes, position);
                        for (int i = 0; i < 8; i++) {
                            bytes.put(i, (byte) ~bytes.get(i));
                        }
                        bytes.rewind();
                        channel.write(bytes, position);
                        channel.force(true);
                    }
                    return;
                }
            }
        }
        throw new IllegalStateException("chunk not found in " + dataDir);
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

    @Test
    void aBackendReplacedUnderTheSameNameGetsExactlyItsShardsRebuilt() {
        startTwenty(KeyMode.SEQ);
        Stored a = put(12_000_000, 3, false);
        Stored b = put(5_000_000, 4, true);
        long expected = chunksOn("data-07", a, b);
        assertThat(expected).isEqualTo(store.describe(a.id()).stripes().size() + store.describe(b.id()).stripes().size());

        cluster.replace(7, null);
        open(cluster.backends());
        CheckReport check = store.check(a.id());
        assertThat(check.problems()).allMatch(p -> p.backend().equals("data-07") && p.kind() == ChunkProblem.Kind.LOST);
        // a segment stored now gets, on the new namespace, the very keys a and b recorded there
        Stored c = put(9_000_000, 30, false);
        assertThat(c.result().degraded()).isFalse();

        List<RepairReport> repairs = List.of(store.repair(a.id()), store.repair(b.id()));
        assertThat(sum(repairs)).isEqualTo(Map.of("data-07", (int) expected));
        assertThat(repairs.get(0).found()).extracting(ChunkProblem::kind).containsOnly(ChunkProblem.Kind.FOREIGN);
        assertThat(repairs).allSatisfy(r -> {
            assertThat(r.relocated()).isZero();
            assertThat(r.complete()).as("%s", r).isTrue();
        });
        assertThat(store.check(a.id()).problems()).isEmpty();
        assertThat(store.check(b.id()).problems()).isEmpty();
        assertThat(store.check(c.id()).problems()).as("repairs never delete another segment's chunk").isEmpty();
        assertReadsBack(a);
        assertReadsBack(b);
        assertReadsBack(c);
    }

    @Test
    void aBackendReplacedUnderANewNameGetsExactlyTheShardsOfTheOneItReplaces() {
        startTwenty(KeyMode.SEQ);
        Stored a = put(12_000_000, 5, false);
        Stored b = put(2_000_000, 6, false);
        long expected = chunksOn("data-11", a, b);

        cluster.replace(11, "data-20");
        open(cluster.backends());
        assertThat(store.check(a.id()).count(ChunkProblem.Kind.UNKNOWN_BACKEND))
                .isEqualTo(store.describe(a.id()).stripes().size());

        List<RepairReport> repairs = List.of(store.repair(a.id()), store.repair(b.id()));
        assertThat(sum(repairs)).isEqualTo(Map.of("data-20", (int) expected));
        assertThat(repairs.stream().mapToInt(RepairReport::relocated).sum()).isEqualTo((int) expected);
        assertThat(store.describe(a.id()).backends()).contains("data-20").doesNotContain("data-11");
        assertThat(store.check(a.id()).healthy()).isTrue();
        assertReadsBack(a);
        assertReadsBack(b);
    }

    @Test
    void aWriteWithThreeBackendsDownSucceedsDegradedAndRepairCompletesItWhenTheyReturn() {
        startTwenty(KeyMode.SEQ);
        int[] down = {2, 9, 15};
        for (int i : down) {
            cluster.stop(i);
        }
        Stored a = put(10_000_000, 7, false);
        Stored b = put(1_000_000, 8, true);
        int stripes = store.describe(a.id()).stripes().size() + store.describe(b.id()).stripes().size();
        assertThat(a.result().degraded()).isTrue();
        assertThat(a.result().missingChunks() + b.result().missingChunks()).isEqualTo(3 * stripes);
        assertThat(store.check(a.id()).count(ChunkProblem.Kind.MISSING)).isEqualTo(3L * store.describe(a.id()).stripes().size());
        assertReadsBack(a);

        for (int i : down) {
            cluster.restart(i);
        }
        List<RepairReport> repairs = List.of(store.repair(a.id()), store.repair(b.id()));
        Map<String, Integer> expected = new HashMap<>();
        for (int i : down) {
            expected.put(cluster.backend(i).name(), stripes);
        }
        assertThat(sum(repairs)).isEqualTo(expected);
        assertThat(repairs).allMatch(r -> r.relocated() == 0 && r.complete());
        assertThat(store.describe(a.id()).degraded()).isFalse();
        assertThat(store.check(a.id()).healthy()).isTrue();
        assertReadsBack(a);
        assertReadsBack(b);
    }

    @Test
    void aWriteWithThreeBackendsDownIsCompletedOntoTheirReplacements() {
        startTwenty(KeyMode.SEQ);
        int[] down = {0, 6, 13};
        for (int i : down) {
            cluster.stop(i);
        }
        Stored a = put(10_000_000, 9, false);
        int stripes = store.describe(a.id()).stripes().size();
        assertThat(a.result().missingChunks()).isEqualTo(3 * stripes);

        Map<String, Integer> expected = new HashMap<>();
        for (int n = 0; n < down.length; n++) {
            expected.put(cluster.replace(down[n], "data-2" + n).name(), stripes);
        }
        open(cluster.backends());
        RepairReport repair = store.repair(a.id());
        assertThat(repair.rebuiltPerBackend()).isEqualTo(expected);
        assertThat(repair.relocated()).isEqualTo(3 * stripes);
        assertThat(repair.complete()).isTrue();
        assertThat(store.check(a.id()).healthy()).isTrue();
        assertReadsBack(a);
    }

    @Test
    void aWriteThatCannotReachEnoughBackendsFailsAndLeavesNoSegment() {
        startTwenty(KeyMode.SEQ);
        for (int i : new int[] {1, 4, 8, 12}) {
            cluster.stop(i);
        }
        // 16 of 20 up: enough to read, one short of the 17 (M + 1) a write needs
        assertThatThrownBy(() -> put(6_000_000, 10, false))
                .isInstanceOf(StoreFailedException.class)
                .hasMessageContaining("4 of 20 backends refused writes, and every stripe needs 17 of the 20")
                .hasMessageContaining("data-01");
        assertThat(store.list()).isEmpty();
        long entries = 0;
        for (int i = 0; i < 20; i++) {
            if (i == 1 || i == 4 || i == 8 || i == 12) {
                continue;
            }
            try (ZdbConnection admin = cluster.admin(i)) {
                entries += admin.nsinfo(ZdbCluster.NAMESPACE).entries().orElse(0);
            }
        }
        assertThat(entries).as("chunks written before the failure are deleted").isZero();
    }

    @Test
    void noSecretReachesTheMetadataOrTheLogs() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger("io.qsctl");
        Level before = logger.getLevel();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(Level.DEBUG);
        try {
            startTwenty(KeyMode.SEQ);
            cluster.stop(3);
            Stored stored = put(5_000_000, 11, false);
            assertReadsBack(stored);
            cluster.restart(3);
            store.repair(stored.id());
            cluster.stop(5);
            store.status();
            assertThatThrownBy(() -> ZStore.open(config(cluster.backends(), 16, 4).withMinShardsPerWrite(20))
                    .store(TestData.stream(100, 1, false))).isInstanceOf(StoreFailedException.class);

            List<String> secrets = new ArrayList<>(cluster.passwords());
            secrets.add(HexFormat.of().formatHex(dataKey));
            secrets.add(new String(dataKey, java.nio.charset.StandardCharsets.ISO_8859_1));
            List<byte[]> secretBytes = new ArrayList<>();
            cluster.passwords().forEach(p -> secretBytes.add(p.getBytes(UTF_8)));
            secretBytes.add(dataKey);
            for (String id : store.list()) {
                secretBytes.add(segmentKey(HexFormat.of().parseHex(id)));
            }

            assertThat(metadata.allRecords()).isNotEmpty();
            for (byte[] record : metadata.allRecords()) {
                for (byte[] secret : secretBytes) {
                    assertThat(indexOf(record, secret)).as("a secret inside a metadata record").isEqualTo(-1);
                }
            }
            assertThat(appender.list).isNotEmpty();
            for (ILoggingEvent event : appender.list) {
                String text = event.getFormattedMessage()
                        + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
                for (String secret : secrets) {
                    assertThat(text).as("log line").doesNotContain(secret);
                }
            }
            String described = store.config().toString() + store.describe(store.list().get(0)) + cluster.backends();
            for (String secret : secrets) {
                assertThat(described).doesNotContain(secret);
            }
        } finally {
            logger.detachAppender(appender);
            logger.setLevel(before);
        }
    }

    /** HKDF-SHA256 of the data key with the segment id as salt, computed here independently. */
    private byte[] segmentKey(byte[] segmentId) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(segmentId, "HmacSHA256"));
        byte[] prk = mac.doFinal(dataKey);
        mac.init(new SecretKeySpec(prk, "HmacSHA256"));
        mac.update("qsctl/v1/zstor/segment-key".getBytes(UTF_8));
        mac.update((byte) 1);
        return mac.doFinal();
    }

    @Test
    void userModeNamespacesWorkTheSameWay() {
        startTwenty(KeyMode.USER);
        Stored stored = put(6_000_000, 12, true);
        assertReadsBack(stored);
        ShardChunk chunk = store.describe(stored.id()).stripes().get(0).shards().get(5);
        assertThat(new String(chunk.key(), UTF_8)).startsWith(stored.id() + "/0/5/");
        try (ZdbConnection connection = cluster.data(cluster.indexOf(chunk.backend()))) {
            assertThat(connection.del(chunk.key())).isTrue();
        }
        // a scrub at 20 MB/s finds the lost chunk and, asked to, repairs it
        ScrubReport scrub = store.scrub(List.of(stored.id()), 20_000_000, true);
        assertThat(scrub.damaged()).singleElement().satisfies(r -> assertThat(r.count(ChunkProblem.Kind.LOST)).isOne());
        assertThat(scrub.repairs()).singleElement().satisfies(repair -> {
            assertThat(repair.found()).extracting(ChunkProblem::kind).containsExactly(ChunkProblem.Kind.LOST);
            assertThat(repair.rebuiltPerBackend()).isEqualTo(Map.of(chunk.backend(), 1));
        });
        assertThat(store.check(stored.id()).healthy()).isTrue();
        assertReadsBack(stored);
    }

    @Test
    void rebalanceMovesAShardOntoANewlyAddedFarm() {
        // 6 backends in farms 0,1,2,3,4,0: farm0 holds two shards of a 4+2 segment
        cluster = ZdbCluster.start(root.resolve("zdb"), 6, KeyMode.SEQ);
        store = ZStore.open(config(cluster.backends(), 4, 2));
        Stored stored = put(3_000_000, 13, false);
        assertThat(store.rebalance(List.of(), 10).moves()).isEmpty();

        Backend added = cluster.add("data-new", "farm9", "c9");
        store.close();
        store = ZStore.open(config(cluster.backends(), 4, 2));
        RebalanceReport report = store.rebalance(List.of(), 10);
        assertThat(report.moves()).hasSize(1);
        RebalanceReport.Move move = report.moves().get(0);
        assertThat(move.to()).isEqualTo(added.name());
        assertThat(move.from()).isIn("data-00", "data-05");
        assertThat(move.chunks()).isEqualTo(store.describe(stored.id()).stripes().size());
        assertThat(store.describe(stored.id()).backends()).contains(added.name()).doesNotContain(move.from());
        assertThat(store.check(stored.id()).healthy()).isTrue();
        assertThat(store.rebalance(List.of(), 10).moves()).isEmpty();
        assertReadsBack(stored);
    }

    @Test
    void whenEveryBackendIsDownTheErrorCountsEveryOneThatRefused() {
        startTwenty(KeyMode.SEQ);
        for (int i = 0; i < 20; i++) {
            cluster.stop(i);
        }
        store.status();
        // the first two refusals were enough to fail; the count is made when the error is raised,
        // not when the limit was crossed while the other writes were still under way
        assertThatThrownBy(() -> put(1_000_000, 20, false))
                .isInstanceOf(StoreFailedException.class)
                .hasMessageContaining("20 of 20 backends refused writes");
    }

    @Test
    void aWriteGivenTooLittleRoomStopsBeforeGoingOverAndLeavesNothing() throws IOException {
        startTwenty(KeyMode.SEQ);
        for (int i = 0; i < 20; i++) {
            try (ZdbConnection admin = cluster.admin(i)) {
                admin.nsset(ZdbCluster.NAMESPACE, "maxsize", String.valueOf(10 * SHARD_CHUNK));
            }
        }
        io.qsctl.zstor.store.WriteRoom room = store.room();
        assertThat(room.writableBackends()).isEqualTo(20);
        assertThat(room.perBackendForOneObject()).isEqualTo(10L * SHARD_CHUNK);
        long largest = room.largestObject();
        assertThat(largest).isEqualTo(store.config().layout().largestWithin(10L * SHARD_CHUNK));

        try (InputStream in = TestData.stream(largest + 1, 21, false)) {
            assertThatThrownBy(() -> store.store(in, room.perBackendForOneObject()))
                    .isInstanceOf(io.qsctl.zstor.store.NoRoomException.class)
                    .hasMessageContaining("it needs more than " + 10 * SHARD_CHUNK + " bytes on each of its backends");
        }
        assertThat(store.list()).isEmpty();
        for (int i = 0; i < 20; i++) {
            try (ZdbConnection admin = cluster.admin(i)) {
                assertThat(admin.nsinfo(ZdbCluster.NAMESPACE).entries().orElse(0)).as("entries on %d", i).isZero();
            }
        }
        // what the room says fits, fits
        try (InputStream in = TestData.stream(largest, 22, false)) {
            assertThat(store.store(in, room.perBackendForOneObject()).size()).isEqualTo(largest);
        }
    }

    @Test
    void statusTellsStoppedLockedAndFullBackendsApart() {
        startTwenty(KeyMode.SEQ);
        put(2_000_000, 14, false);
        cluster.stop(0);
        try (ZdbConnection admin = cluster.admin(1)) {
            admin.nsset(ZdbCluster.NAMESPACE, "lock", "1");
        }
        try (ZdbConnection admin = cluster.admin(2)) {
            admin.nsset(ZdbCluster.NAMESPACE, "maxsize", String.valueOf(200_000));
        }
        List<BackendHealth> status = store.status();
        assertThat(status).hasSize(20);
        assertThat(status.get(0).state()).isEqualTo(HealthState.UNREACHABLE);
        assertThat(status.get(1).state()).isEqualTo(HealthState.LOCKED);
        assertThat(status.get(2).state()).isEqualTo(HealthState.FULL);
        assertThat(status.subList(3, 20)).allSatisfy(h -> {
            assertThat(h.state()).isEqualTo(HealthState.HEALTHY);
            assertThat(h.latencyMillis()).isPresent();
            assertThat(h.usedBytes()).isPresent();
        });
        // a write now avoids nothing it can use and still succeeds: 17 writable of 20
        Stored stored = put(2_000_000, 15, false);
        assertThat(stored.result().missingChunks()).isEqualTo(3 * store.describe(stored.id()).stripes().size());
    }

    @Test
    void deleteRemovesTheMetadataAndTheChunks() {
        startTwenty(KeyMode.SEQ);
        Stored stored = put(3_000_000, 16, false);
        ShardChunk chunk = store.describe(stored.id()).stripes().get(0).shards().get(0);
        store.delete(stored.id());
        assertThat(store.list()).isEmpty();
        assertThatThrownBy(() -> store.retrieve(stored.id(), new TestData.Sink())).hasMessageContaining("no object");
        try (ZdbConnection connection = cluster.data(cluster.indexOf(chunk.backend()))) {
            assertThat(connection.get(chunk.key())).isEmpty();
        }
    }
}
