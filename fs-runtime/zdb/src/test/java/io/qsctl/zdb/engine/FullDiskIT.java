package io.qsctl.zdb.engine;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qsctl.testing.SmallDisk;
import io.qsctl.zdb.format.Mode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine on a really full disk: index and data roots on two small tmpfs mounts, so either can
 * be filled alone. What a write that does not fit must leave: an error with 0-db's wording, memory
 * and files exactly as before it, every acknowledged value intact after a restart (even on the
 * still-full disk), and writes working again in the same process once there is space, with files
 * that 0-db's format reads to the last byte.
 */
class FullDiskIT {

    private static final int KIB = 1024;

    @TempDir
    Path root;

    private final List<AutoCloseable> opened = new ArrayList<>();
    private final Random random = new Random(20261123);
    private SmallDisk indexDisk;
    private SmallDisk dataDisk;

    @BeforeEach
    void needsSmallDisks() {
        SmallDisk.assumeAvailable();
        indexDisk = mount("index-disk", 1024 * KIB);
        dataDisk = mount("data-disk", 2048 * KIB);
    }

    @AfterEach
    void closeEnginesThenDisks() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    // ------------------------------------------------------------------ SET, user mode

    @Test
    void aSetWhoseDataDoesNotFitIsRefusedAndLeavesNoTraceNotEvenAfterARestartOnTheStillFullDisk() throws IOException {
        EngineSettings settings = settings();
        ZdbEngine engine = open(settings);
        Namespace ns = engine.defaultNamespace();
        Map<String, byte[]> acked = writeSome(ns, 20);
        long dataBefore = Files.size(dataFile(settings, "default", 0));
        long indexBefore = Files.size(indexFile(settings, "default", 0));

        dataDisk.fillLeaving(8 * KIB);

        assertThatThrownBy(() -> ns.set(b("new-key"), bytes(64 * KIB)))
                .isInstanceOf(ZdbError.class).hasMessage("Cannot write data right now");
        assertThatThrownBy(() -> ns.set(b("key-3"), bytes(64 * KIB)))
                .isInstanceOf(ZdbError.class).hasMessage("Cannot write data right now");
        assertThat(ns.get(b("new-key"))).isEmpty();
        assertThat(ns.exists(b("new-key"), 0, 7)).isFalse();
        assertHolds(ns, acked);
        assertThat(Files.size(dataFile(settings, "default", 0))).isEqualTo(dataBefore);
        assertThat(Files.size(indexFile(settings, "default", 0))).isEqualTo(indexBefore);

        engine.close();
        assertHolds(open(settings).defaultNamespace(), acked);
    }

    @Test
    void writesWorkAgainInTheSameProcessOnceThereIsSpaceAndTheFilesHoldNoTornRecord() throws IOException {
        EngineSettings settings = settings();
        ZdbEngine engine = open(settings);
        Namespace ns = engine.defaultNamespace();
        Map<String, byte[]> acked = writeSome(ns, 20);
        dataDisk.fillLeaving(8 * KIB);
        assertThatThrownBy(() -> ns.set(b("big"), bytes(64 * KIB))).hasMessage("Cannot write data right now");

        dataDisk.release();
        // shorter than the refused value: on top of a left-over partial write it would leave a torn tail
        setAcked(ns, acked, "small", bytes(100));
        setAcked(ns, acked, "big", bytes(64 * KIB));
        setAcked(ns, acked, "key-3", bytes(3 * KIB));
        assertHolds(ns, acked);

        engine.close();
        assertHolds(open(settings).defaultNamespace(), acked);
        assertFilesWhole(settings, "default");
    }

    @Test
    void aSetWhoseIndexDoesNotFitIsTakenBackWithTheDataItHadAlreadyWritten() throws IOException {
        EngineSettings settings = settings();
        ZdbEngine engine = open(settings);
        Namespace ns = engine.defaultNamespace();
        Map<String, byte[]> acked = writeSome(ns, 5);

        indexDisk.fillLeaving(0);
        // index entries are small: they fill what is left of the file's last page before one fails
        Refusal refused = untilRefused(40, i -> setAcked(ns, acked, longKey(i), bytes(100)),
                () -> Files.size(dataFile(settings, "default", 0)));

        assertThat(refused.error()).hasMessage("Cannot write index right now");
        assertThat(Files.size(dataFile(settings, "default", 0))).isEqualTo(refused.dataSizeBefore());
        assertThat(ns.get(b(longKey(refused.attempt())))).isEmpty();
        assertHolds(ns, acked);

        indexDisk.release();
        setAcked(ns, acked, longKey(refused.attempt()), bytes(100));
        engine.close();
        assertHolds(open(settings).defaultNamespace(), acked);
        assertFilesWhole(settings, "default");
    }

    // ------------------------------------------------------------------ SET, sequential mode

    @Test
    void aSequentialSetThatDoesNotFitTakesNoIdAndAnUpdateThatDoesNotFitKeepsTheOldValue() throws IOException {
        EngineSettings settings = settings().withMode(Optional.of(Mode.SEQ));
        ZdbEngine engine = open(settings);
        Namespace ns = engine.defaultNamespace();
        Map<String, byte[]> acked = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) {
            byte[] value = bytes(2 * KIB);
            byte[] id = ns.set(new byte[0], value);
            acked.put(hex(id), value);
        }

        dataDisk.fillLeaving(8 * KIB);
        assertThatThrownBy(() -> ns.set(new byte[0], bytes(64 * KIB))).hasMessage("Cannot write data right now");
        assertThatThrownBy(() -> ns.set(Namespace.seqKey(3), bytes(64 * KIB))).hasMessage("Cannot write data right now");
        assertHoldsSeq(ns, acked);

        dataDisk.release();
        byte[] value = bytes(64 * KIB);
        byte[] id = ns.set(new byte[0], value);
        assertThat(id).as("the refused SET took no id").isEqualTo(Namespace.seqKey(10));
        acked.put(hex(id), value);
        byte[] updated = bytes(KIB);
        ns.set(Namespace.seqKey(3), updated);
        acked.put(hex(Namespace.seqKey(3)), updated);
        assertHoldsSeq(ns, acked);

        engine.close();
        assertHoldsSeq(open(settings).defaultNamespace(), acked);
        assertFilesWhole(settings, "default");
    }

    @Test
    void aSequentialSetWhoseIndexDoesNotFitHandsItsIdToTheNextSet() throws IOException {
        EngineSettings settings = settings().withMode(Optional.of(Mode.SEQ));
        ZdbEngine engine = open(settings);
        Namespace ns = engine.defaultNamespace();
        Map<String, byte[]> acked = new LinkedHashMap<>();

        indexDisk.fillLeaving(0);
        Refusal refused = untilRefused(200, i -> {
            byte[] value = bytes(50);
            acked.put(hex(ns.set(new byte[0], value)), value);
        }, () -> Files.size(dataFile(settings, "default", 0)));

        assertThat(refused.error()).hasMessage("Cannot write index right now");
        assertHoldsSeq(ns, acked);
        indexDisk.release();
        byte[] value = bytes(50);
        byte[] id = ns.set(new byte[0], value);
        assertThat(id).isEqualTo(Namespace.seqKey(refused.attempt()));
        acked.put(hex(id), value);
        // the ids after it are found at their places in the index file
        for (int i = 0; i < 5; i++) {
            byte[] more = bytes(50);
            acked.put(hex(ns.set(new byte[0], more)), more);
        }
        assertHoldsSeq(ns, acked);

        engine.close();
        assertHoldsSeq(open(settings).defaultNamespace(), acked);
        assertFilesWhole(settings, "default");
    }

    // ------------------------------------------------------------------ batches (the server's way)

    @Test
    void aBatchThatDoesNotFitIsTakenBackWholeAndReportedWhileTheNextBatchIsWritten() throws IOException {
        EngineSettings settings = settings().withAutoFlush(false);
        ZdbEngine engine = open(settings);
        Namespace ns = engine.defaultNamespace();
        Namespace other = engine.createNamespace("other");
        Map<String, byte[]> acked = writeSome(ns, 20);
        engine.flush();

        dataDisk.fillLeaving(8 * KIB);
        long batch = writeMixedBatch(ns);
        Map<String, byte[]> ackedOther = new LinkedHashMap<>();
        setAcked(other, ackedOther, "fits", bytes(100));
        assertThat(ns.unflushedBatch()).isEqualTo(batch);
        assertThat(ns.get(b("fresh-1"))).as("a batch is visible in memory until flushed").isPresent();

        List<FailedBatch> failed = engine.flushBatches();

        assertThat(failed).singleElement().satisfies(f -> {
            assertThat(f.namespace()).isSameAs(ns);
            assertThat(f.batch()).isEqualTo(batch);
            assertThat(f.undone()).isTrue();
            assertThat(f.error(false)).hasMessage("Cannot write data right now");
            assertThat(f.error(true)).hasMessage("Cannot delete key (data)");
        });
        assertThat(ns.unflushedBatch()).isEqualTo(-1);
        assertHolds(ns, acked);
        assertThat(other.unflushedBatch()).as("the other namespace's batch was written").isEqualTo(-1);
        assertHolds(other, ackedOther);

        writeMixedBatch(ns);
        assertThatThrownBy(engine::flush).as("flush() throws for library callers")
                .isInstanceOf(ZdbError.class).hasMessage("Cannot write data right now");
        assertHolds(ns, acked);

        dataDisk.release();
        writeMixedBatch(ns);
        engine.flush();
        acked.put("fresh-1", ns.get(b("fresh-1")).orElseThrow());
        acked.put("fresh-2", ns.get(b("fresh-2")).orElseThrow());
        acked.put("key-1", ns.get(b("key-1")).orElseThrow());
        acked.remove("key-2");
        acked.put("fresh-big", ns.get(b("fresh-big")).orElseThrow());
        assertHolds(ns, acked);
        engine.close();
        ZdbEngine again = open(settings);
        assertHolds(again.defaultNamespace(), acked);
        assertHolds(again.namespace("other").orElseThrow(), ackedOther);
        assertFilesWhole(settings, "default");
        assertFilesWhole(settings, "other");
    }

    @Test
    void aBatchThatARotationOrAReloadCouldNotFlushIsReportedAtTheNextFlush() throws IOException {
        EngineSettings settings = settings().withAutoFlush(false).withDataFileSize(20 * KIB);
        ZdbEngine engine = open(settings);
        Namespace ns = engine.defaultNamespace();
        Map<String, byte[]> acked = new LinkedHashMap<>();
        for (int i = 0; i < 14; i++) {
            setAcked(ns, acked, "key-" + i, bytes(1000));
        }
        engine.flush();

        dataDisk.fillLeaving(0);
        ns.set(b("pending"), bytes(3000));
        long batch = ns.unflushedBatch();
        // passes the file size: the rotation flushes the batch first, which does not fit
        assertThatThrownBy(() -> ns.set(b("rotating"), bytes(4000))).hasMessage("Cannot write data right now");
        assertThat(ns.get(b("pending"))).isEmpty();
        assertThat(engine.flushBatches()).singleElement().satisfies(f -> assertThat(f.batch()).isEqualTo(batch));

        ns.set(b("pending"), bytes(3000));
        long reloaded = ns.unflushedBatch();
        assertThatThrownBy(() -> engine.reload(ZdbEngine.DEFAULT_NAMESPACE)).hasMessage("Cannot write data right now");
        assertThat(engine.flushBatches()).singleElement().satisfies(f -> assertThat(f.batch()).isEqualTo(reloaded));
        assertThat(engine.flushBatches()).isEmpty();
        assertHolds(ns, acked);

        dataDisk.release();
        setAcked(ns, acked, "pending", bytes(3000));
        setAcked(ns, acked, "rotating", bytes(4000));
        engine.flush();
        assertThat(ns.activeFileId()).isOne();
        engine.close();
        assertHolds(open(settings).defaultNamespace(), acked);
        assertFilesWhole(settings, "default");
    }

    // ------------------------------------------------------------------ rotation

    @Test
    void aRotationThatCannotStartItsIndexFileKeepsTheCurrentFilesAndRotatesOnceThereIsSpace() throws IOException {
        rotationOnAFullDisk(indexDisk, "Cannot write index right now");
    }

    @Test
    void aRotationThatCannotStartItsDataFileKeepsTheCurrentFilesAndRotatesOnceThereIsSpace() throws IOException {
        rotationOnAFullDisk(dataDisk, "Cannot write data right now");
    }

    private void rotationOnAFullDisk(SmallDisk full, String error) throws IOException {
        EngineSettings settings = settings().withDataFileSize(16 * KIB);
        ZdbEngine engine = open(settings);
        Namespace ns = engine.defaultNamespace();
        Map<String, byte[]> acked = new LinkedHashMap<>();
        for (int i = 0; i < 14; i++) {
            setAcked(ns, acked, "key-" + i, bytes(1000));
        }
        assertThat(ns.activeFileId()).isZero();

        full.fillLeaving(0);
        // the next value passes the file size: the SET starts the next pair of files first
        assertThatThrownBy(() -> ns.set(b("rotating"), bytes(3000))).hasMessage(error);
        assertThatThrownBy(ns::jump).hasMessage(error);

        assertThat(ns.activeFileId()).isZero();
        assertThat(indexFile(settings, "default", 1)).doesNotExist();
        assertThat(dataFile(settings, "default", 1)).doesNotExist();
        assertHolds(ns, acked);

        full.release();
        setAcked(ns, acked, "rotating", bytes(3000));
        assertThat(ns.activeFileId()).isOne();
        setAcked(ns, acked, "after", bytes(500));
        engine.close();
        assertHolds(open(settings).defaultNamespace(), acked);
        assertFilesWhole(settings, "default");
    }

    // ------------------------------------------------------------------ DEL

    @Test
    void aDeleteThatCannotWriteItsTombstoneKeepsTheKeyAndWorksOnceThereIsSpace() throws IOException {
        EngineSettings settings = settings();
        ZdbEngine engine = open(settings);
        Namespace ns = engine.defaultNamespace();
        Map<String, byte[]> acked = new LinkedHashMap<>();
        for (int i = 0; i < 60; i++) {
            setAcked(ns, acked, longKey(i), bytes(20));
        }

        dataDisk.fillLeaving(0);
        // tombstones are small: they fill what is left of the data file's last page before one fails
        Refusal refused = untilRefused(60, i -> {
            ns.delete(b(longKey(i)));
            acked.remove(longKey(i));
        }, () -> Files.size(dataFile(settings, "default", 0)));

        assertThat(refused.error()).hasMessage("Cannot delete key (data)");
        assertThat(ns.get(b(longKey(refused.attempt())))).contains(acked.get(longKey(refused.attempt())));
        assertHolds(ns, acked);
        engine.close();
        ZdbEngine again = open(settings);
        assertHolds(again.defaultNamespace(), acked);

        dataDisk.release();
        again.defaultNamespace().delete(b(longKey(refused.attempt())));
        acked.remove(longKey(refused.attempt()));
        again.close();
        assertHolds(open(settings).defaultNamespace(), acked);
        assertFilesWhole(settings, "default");
    }

    // ------------------------------------------------------------------ namespaces

    @Test
    void aNamespaceThatCannotBeCreatedOnAFullIndexDiskLeavesNothingBehind() throws IOException {
        namespaceCreationOnAFullDisk(indexDisk);
    }

    @Test
    void aNamespaceThatCannotBeCreatedOnAFullDataDiskLeavesNothingBehind() throws IOException {
        namespaceCreationOnAFullDisk(dataDisk);
    }

    private void namespaceCreationOnAFullDisk(SmallDisk full) throws IOException {
        EngineSettings settings = settings();
        ZdbEngine engine = open(settings);

        full.fillLeaving(0);
        assertThatThrownBy(() -> engine.createNamespace("fresh")).hasMessage("Could not create namespace");
        assertThat(engine.namespaceNames()).containsExactly(ZdbEngine.DEFAULT_NAMESPACE);
        assertThat(settings.indexRoot().resolve("fresh")).doesNotExist();
        assertThat(settings.dataRoot().resolve("fresh")).doesNotExist();

        full.release();
        engine.createNamespace("fresh").set(b("key"), b("value"));
        engine.close();
        assertThat(open(settings).namespace("fresh").orElseThrow().get(b("key"))).contains(b("value"));
    }

    @Test
    void aNamespaceCanBeWipedOrRemovedOnAFullDiskEvenWithWritesNotYetFlushed() throws IOException {
        EngineSettings settings = settings().withAutoFlush(false);
        ZdbEngine engine = open(settings);
        Namespace wiped = engine.createNamespace("wiped");
        wiped.setPassword(Optional.of("secret"));
        wiped.setPublic(false);
        Namespace removed = engine.createNamespace("removed");
        for (int i = 0; i < 10; i++) {
            wiped.set(b("key-" + i), bytes(2 * KIB));
            removed.set(b("key-" + i), bytes(2 * KIB));
        }
        engine.flush();

        dataDisk.fillLeaving(0);
        wiped.set(b("pending"), bytes(64 * KIB));
        removed.set(b("pending"), bytes(64 * KIB));
        wiped.wipe();
        engine.deleteNamespace("removed");

        assertThat(engine.flushBatches()).isEmpty();
        assertThat(wiped.entries()).isZero();
        assertThat(wiped.get(b("pending"))).isEmpty();
        assertThat(settings.dataRoot().resolve("removed")).doesNotExist();
        dataDisk.release();
        Map<String, byte[]> acked = new LinkedHashMap<>();
        setAcked(wiped, acked, "after", bytes(KIB));
        engine.close();
        ZdbEngine again = open(settings);
        assertHolds(again.namespace("wiped").orElseThrow(), acked);
        assertThat(again.namespaceNames()).containsExactly(ZdbEngine.DEFAULT_NAMESPACE, "wiped");
        assertFilesWhole(settings, "wiped");
    }

    @Test
    void aNamespaceSettingThatCannotBeSavedChangesNothing() throws IOException {
        EngineSettings settings = settings();
        ZdbEngine engine = open(settings);
        Namespace ns = engine.createNamespace("guarded");

        indexDisk.fillLeaving(0);
        assertThatThrownBy(() -> ns.setPassword(Optional.of("secret"))).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("No space left on device");
        assertThat(ns.password()).isEmpty();
        try (Stream<Path> files = Files.list(settings.indexRoot().resolve("guarded"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(ZdbEngine.descriptorFile(), "i0");
        }

        indexDisk.release();
        engine.close();
        assertThat(open(settings).namespace("guarded").orElseThrow().password()).isEmpty();
    }

    // ------------------------------------------------------------------ helpers

    private SmallDisk mount(String name, long bytes) {
        SmallDisk disk = SmallDisk.mount(root.resolve(name), bytes);
        opened.add(disk);
        return disk;
    }

    private EngineSettings settings() {
        return EngineSettings.of(indexDisk.path().resolve("index"), dataDisk.path().resolve("data"));
    }

    private ZdbEngine open(EngineSettings settings) {
        ZdbEngine engine = ZdbEngine.open(settings);
        opened.add(engine);
        return engine;
    }

    private static Path dataFile(EngineSettings settings, String namespace, int id) {
        return settings.dataRoot().resolve(namespace).resolve("d" + id);
    }

    private static Path indexFile(EngineSettings settings, String namespace, int id) {
        return settings.indexRoot().resolve(namespace).resolve("i" + id);
    }

    /** Values of several sizes, an overwrite and a delete: the kinds of entries a refused write must not disturb. */
    private Map<String, byte[]> writeSome(Namespace ns, int count) {
        Map<String, byte[]> acked = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            setAcked(ns, acked, "key-" + i, bytes(1 + random.nextInt(4 * KIB)));
        }
        setAcked(ns, acked, "key-1", bytes(500));
        ns.delete(b("key-0"));
        acked.remove("key-0");
        return acked;
    }

    /** New keys (one set twice), an overwrite, a delete and a value too big for what is left; returns the batch. */
    private long writeMixedBatch(Namespace ns) {
        ns.set(b("fresh-1"), bytes(300));
        ns.set(b("fresh-2"), bytes(300));
        ns.set(b("key-1"), bytes(700));
        ns.delete(b("key-2"));
        ns.set(b("fresh-1"), bytes(400));
        ns.set(b("fresh-big"), bytes(64 * KIB));
        return ns.unflushedBatch();
    }

    private static void setAcked(Namespace ns, Map<String, byte[]> acked, String key, byte[] value) {
        ns.set(b(key), value);
        acked.put(key, value);
    }

    private interface Attempt {
        void run(int i);
    }

    private interface Size {
        long get() throws IOException;
    }

    private record Refusal(int attempt, ZdbError error, long dataSizeBefore) {
    }

    /** Runs attempts 0, 1, ... until one is refused; fails the test if none is within {@code max}. */
    private static Refusal untilRefused(int max, Attempt attempt, Size dataSize) throws IOException {
        for (int i = 0; i < max; i++) {
            long before = dataSize.get();
            try {
                attempt.run(i);
            } catch (ZdbError refused) {
                return new Refusal(i, refused, before);
            }
        }
        throw new AssertionError("none of " + max + " writes was refused on a full disk");
    }

    private static void assertHolds(Namespace ns, Map<String, byte[]> acked) {
        long bytes = 0;
        for (Map.Entry<String, byte[]> e : acked.entrySet()) {
            assertThat(ns.get(b(e.getKey()))).as(e.getKey()).hasValueSatisfying(v -> assertThat(v).isEqualTo(e.getValue()));
            bytes += e.getValue().length;
        }
        assertThat(ns.entries()).isEqualTo(acked.size());
        assertThat(ns.dataSize()).isEqualTo(bytes);
    }

    private static void assertHoldsSeq(Namespace ns, Map<String, byte[]> acked) {
        long bytes = 0;
        for (Map.Entry<String, byte[]> e : acked.entrySet()) {
            assertThat(ns.get(unhex(e.getKey()))).as(e.getKey()).hasValueSatisfying(v -> assertThat(v).isEqualTo(e.getValue()));
            bytes += e.getValue().length;
        }
        assertThat(ns.entries()).isEqualTo(acked.size());
        assertThat(ns.dataSize()).isEqualTo(bytes);
    }

    /**
     * Reads every file pair of the namespace with the format reader the tests share no code with:
     * each file parses to its last byte, and every index entry finds its data entry (same key and
     * length, payload matching the CRC), so nothing torn hides in the middle of a file.
     */
    private static void assertFilesWhole(EngineSettings settings, String namespace) throws IOException {
        Map<Long, Map<Long, IndependentFormatReader.DataRecord>> data = new HashMap<>();
        for (int id = 0; Files.exists(dataFile(settings, namespace, id)); id++) {
            IndependentFormatReader.DataFile file = IndependentFormatReader.readData(dataFile(settings, namespace, id));
            assertThat(file.trailingBytes()).as("bytes after the last entry of d" + id).isZero();
            Map<Long, IndependentFormatReader.DataRecord> byOffset = new HashMap<>();
            file.entries().forEach(r -> byOffset.put(r.at(), r));
            data.put((long) id, byOffset);
        }
        for (int id = 0; Files.exists(indexFile(settings, namespace, id)); id++) {
            IndependentFormatReader.IndexFile file = IndependentFormatReader.readIndex(indexFile(settings, namespace, id));
            assertThat(file.trailingBytes()).as("bytes after the last entry of i" + id).isZero();
            for (IndependentFormatReader.IndexRecord entry : file.entries()) {
                IndependentFormatReader.DataRecord record = data.getOrDefault(entry.dataId(), Map.of()).get(entry.dataOffset());
                assertThat(record).as("data of the index entry at i%d:%d", id, entry.at()).isNotNull();
                assertThat(record.key()).isEqualTo(entry.key());
                assertThat(record.length()).isEqualTo(entry.length());
                assertThat(IndependentFormatReader.crc(record.payload())).isEqualTo(entry.crc());
            }
        }
        assertThat(data).as("data files").isNotEmpty();
    }

    private byte[] bytes(int length) {
        byte[] value = new byte[length];
        random.nextBytes(value);
        return value;
    }

    private static String longKey(int i) {
        return "k".repeat(200) + "-" + i;
    }

    private static byte[] b(String text) {
        return text.getBytes(UTF_8);
    }

    private static String hex(byte[] id) {
        return java.util.HexFormat.of().formatHex(id);
    }

    private static byte[] unhex(String id) {
        return java.util.HexFormat.of().parseHex(id);
    }
}
