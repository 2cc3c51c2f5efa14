package io.qsctl.zdb.engine;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.qsctl.zdb.format.Mode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our files, read back by a parser written from the format description, byte by byte. */
class OnDiskFormatTest {

    @TempDir
    Path root;

    EngineSettings settings() {
        return EngineSettings.of(root.resolve("index"), root.resolve("data"));
    }

    @Test
    void userModeFilesMatchTheFormatInEveryHeaderEntryAndChecksum() throws Exception {
        try (ZdbEngine engine = ZdbEngine.open(settings())) {
            Namespace ns = engine.createNamespace("photos");
            ns.set("a".getBytes(UTF_8), "first".getBytes(UTF_8));
            ns.set("bb".getBytes(UTF_8), "second value".getBytes(UTF_8));
            ns.set("a".getBytes(UTF_8), "first, changed".getBytes(UTF_8));
            ns.delete("bb".getBytes(UTF_8));
            ns.setPassword(Optional.of("s3cret"));
            ns.setPublic(false);
        }
        var index = IndependentFormatReader.readIndex(root.resolve("index/photos/i0"));
        assertThat(index.magic()).isEqualTo("IDX0");
        assertThat(index.version()).isEqualTo(4);
        assertThat(index.fileId()).isZero();
        assertThat(index.mode()).isZero();
        assertThat(index.trailingBytes()).isZero();
        assertThat(index.entries()).hasSize(3);

        var data = IndependentFormatReader.readData(root.resolve("data/photos/d0"));
        assertThat(data.magic()).isEqualTo("DAT0");
        assertThat(data.version()).isEqualTo(3);
        assertThat(data.created()).isZero();
        assertThat(data.opened()).isZero();
        assertThat(data.fileId()).isZero();
        assertThat(data.trailingBytes()).isZero();
        assertThat(data.entries()).hasSize(4);

        // every index entry points at a data entry with the same key, length and checksum
        for (var entry : index.entries()) {
            var record = data.entries().stream().filter(r -> r.at() == entry.dataOffset()).findFirst().orElseThrow();
            assertThat(record.key()).isEqualTo(entry.key());
            assertThat(record.length()).isEqualTo(entry.length());
            assertThat(record.integrity()).isEqualTo(entry.crc());
            assertThat(IndependentFormatReader.crc(record.payload())).isEqualTo(entry.crc());
            assertThat(entry.dataId()).isZero();
        }
        // entry chain: each previous points at the entry before it
        assertThat(index.entries().get(0).previous()).isZero();
        assertThat(index.entries().get(1).previous()).isEqualTo(index.entries().get(0).at());
        assertThat(index.entries().get(2).previous()).isEqualTo(index.entries().get(1).at());
        // the overwrite: old version flagged deleted in place, new version's parent is the old entry
        var oldA = index.entries().get(0);
        var newA = index.entries().get(2);
        assertThat(oldA.deleted()).isTrue();
        assertThat(newA.deleted()).isFalse();
        assertThat(newA.parentId()).isZero();
        assertThat(newA.parentOffset()).isEqualTo(oldA.at());
        // the delete: flag flipped in place, a delete marker in the data file, no new index entry
        assertThat(index.entries().get(1).deleted()).isTrue();
        var marker = data.entries().get(3);
        assertThat(new String(marker.key(), UTF_8)).isEqualTo("bb");
        assertThat(marker.flags()).isEqualTo(1);
        assertThat(marker.length()).isZero();
        assertThat(marker.integrity()).isZero();
        assertThat(marker.previous()).isEqualTo(data.entries().get(2).at());
        // data payloads and checksums
        assertThat(new String(data.entries().get(2).payload(), UTF_8)).isEqualTo("first, changed");
        for (var record : data.entries()) {
            assertThat(IndependentFormatReader.crc(record.payload())).isEqualTo(record.integrity());
        }

        var descriptor = IndependentFormatReader.readDescriptor(root.resolve("index/photos/zdb-namespace"));
        assertThat(descriptor.version()).isEqualTo(1);
        assertThat(descriptor.name()).isEqualTo("photos");
        assertThat(descriptor.password()).isEqualTo("s3cret");
        assertThat(descriptor.maxSize()).isZero();
        assertThat(descriptor.flags()).isEqualTo(4); // EXTENDED, not public, not worm
    }

    @Test
    void sequentialModeUsesFixedSlotsAndEightByteLittleEndianIds() throws Exception {
        try (ZdbEngine engine = ZdbEngine.open(settings().withMode(Optional.of(Mode.SEQ)))) {
            Namespace ns = engine.createNamespace("blocks");
            byte[] id0 = ns.set(new byte[0], "zero".getBytes(UTF_8));
            byte[] id1 = ns.set(new byte[0], "one".getBytes(UTF_8));
            assertThat(id0).containsExactly(0, 0, 0, 0, 0, 0, 0, 0);
            assertThat(id1).containsExactly(1, 0, 0, 0, 0, 0, 0, 0);
            assertThat(ns.set(id0, "zero, updated".getBytes(UTF_8))).isEqualTo(id0);
            byte[] next = ns.set(new byte[0], "three".getBytes(UTF_8));
            assertThat(next).containsExactly(3, 0, 0, 0, 0, 0, 0, 0); // the update's copy took id 2
            assertThat(ns.get(id0)).contains("zero, updated".getBytes(UTF_8));
            assertThat(ns.get(Namespace.seqKey(2))).isEmpty();
        }
        var index = IndependentFormatReader.readIndex(root.resolve("index/blocks/i0"));
        assertThat(index.mode()).isEqualTo(1);
        List<IndependentFormatReader.IndexRecord> entries = index.entries();
        assertThat(entries).hasSize(4);
        for (int i = 0; i < entries.size(); i++) {
            assertThat(entries.get(i).at()).isEqualTo(29 + 42L * i);
            assertThat(entries.get(i).key()).hasSize(8);
        }
        // slot 0 was updated in place and points at its old version, the deleted copy in slot 2
        assertThat(entries.get(0).deleted()).isFalse();
        assertThat(entries.get(0).parentOffset()).isEqualTo(entries.get(2).at());
        assertThat(entries.get(2).deleted()).isTrue();
        assertThat(entries.get(2).key()).isEqualTo(entries.get(0).key());
        var data = IndependentFormatReader.readData(root.resolve("data/blocks/d0"));
        assertThat(data.entries()).hasSize(4);
        assertThat(data.entries().get(0).key()).containsExactly(0, 0, 0, 0, 0, 0, 0, 0);
        for (var record : data.entries()) {
            assertThat(IndependentFormatReader.crc(record.payload())).isEqualTo(record.integrity());
        }
    }

    @Test
    void rotationStartsAPairOfFilesWithTheNextId() throws Exception {
        try (ZdbEngine engine = ZdbEngine.open(settings().withDataFileSize(200))) {
            Namespace ns = engine.defaultNamespace();
            for (int i = 0; i < 10; i++) {
                ns.set(("key" + i).getBytes(UTF_8), new byte[60]);
            }
        }
        for (int id = 0; id < 4; id++) {
            var index = IndependentFormatReader.readIndex(root.resolve("index/default/i" + id));
            var data = IndependentFormatReader.readData(root.resolve("data/default/d" + id));
            assertThat(index.fileId()).isEqualTo(id);
            assertThat(data.fileId()).isEqualTo(id);
            for (var entry : index.entries()) {
                assertThat(entry.dataId()).isEqualTo(id);
            }
            assertThat(data.entries().size()).isEqualTo(index.entries().size());
            assertThat(28 + data.entries().stream().mapToLong(r -> 18 + r.key().length + r.length()).sum())
                    .isLessThanOrEqualTo(200 + 18 + 4);
        }
        // the first entry of a new file links to the last entry of the previous one (0-db's RSCAN chain)
        var first = IndependentFormatReader.readIndex(root.resolve("index/default/i0"));
        var second = IndependentFormatReader.readIndex(root.resolve("index/default/i1"));
        assertThat(second.entries().get(0).previous()).isEqualTo(first.entries().get(first.entries().size() - 1).at());
    }
}
