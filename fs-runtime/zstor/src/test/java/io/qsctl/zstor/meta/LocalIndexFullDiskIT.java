package io.qsctl.zstor.meta;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qsctl.testing.SmallDisk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local metadata index on a disk that fills up (a real tmpfs, see {@link SmallDisk}): it is a
 * cache of what the backends acknowledged, so a full disk costs it entries, never a torn file,
 * and never fails a write or read that four real 0-db servers answered.
 */
class LocalIndexFullDiskIT {

    private static final byte[] KEY = RecordCipherTest.key(7);
    private static final MetadataStoreOptions OPTIONS = MetadataStoreOptions.DEFAULT
            .withBackendTimeout(Duration.ofSeconds(2)).withScanTimeout(Duration.ofSeconds(20));

    @TempDir
    Path tmp;

    @BeforeEach
    void needsSmallDisks() {
        SmallDisk.assumeAvailable();
    }

    @Test
    void anEntryThatDoesNotFitFailsAndLeavesThePreviousEntryAndNoTemporaryFile() {
        MetaKeys keys = MetaKeys.derive(KEY);
        try (SmallDisk disk = SmallDisk.mount(tmp.resolve("disk"), 256 * 1024)) {
            Path dir = disk.path().resolve("index");
            try (LocalMetadataIndex index = LocalMetadataIndex.open(dir, keys)) {
                index.store("a1", 5, new byte[40]);
                disk.fillLeaving(0);

                assertThatThrownBy(() -> index.store("a1", 6, new byte[20_000]))
                        .isInstanceOf(UncheckedIOException.class)
                        .hasMessageContaining("No space left on device");
                assertThatThrownBy(() -> index.store("b2", 6, new byte[40]))
                        .hasMessageContaining("No space left on device");

                assertThat(((LocalMetadataIndex.LocalRead.Hit) index.read("a1")).entry().generation()).isEqualTo(5);
                assertThat(index.read("b2")).isInstanceOf(LocalMetadataIndex.LocalRead.Miss.class);
                assertThat(names(dir.resolve("records"))).containsExactly("a1");
            }
        }
    }

    @Test
    void anIndexThatCannotBeCreatedOnAFullDiskLeavesNoTemporaryFile() {
        try (SmallDisk disk = SmallDisk.mount(tmp.resolve("disk"), 64 * 1024)) {
            disk.fillLeaving(0);
            Path dir = disk.path().resolve("index");

            assertThatThrownBy(() -> LocalMetadataIndex.open(dir, MetaKeys.derive(KEY)))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("cannot open the local metadata index " + dir)
                    .hasMessageContaining("No space left on device");
            assertThat(names(dir)).containsExactly(".lock");

            disk.release();
            LocalMetadataIndex.open(dir, MetaKeys.derive(KEY)).close();
            assertThat(names(dir)).containsExactlyInAnyOrder(".lock", "records", LocalMetadataIndex.FORMAT_FILE);
        }
    }

    @Test
    void writesAndReadsTheBackendsAcknowledgeSucceedOnAFullDiskAndTheIndexCatchesUpOnceThereIsSpace() {
        try (MetaZdbServers servers = new MetaZdbServers(tmp.resolve("zdb"), 4);
             SmallDisk disk = SmallDisk.mount(tmp.resolve("disk"), 256 * 1024)) {
            Path dir = disk.path().resolve("index");
            try (ReplicatedMetadataStore store = ReplicatedMetadataStore.open(servers.backends(), KEY, dir, OPTIONS)) {
                long cached = store.put("c0ffee", bytes("cached before the disk filled"));
                disk.fillLeaving(0);

                long written = store.put("a0b1c2", bytes("written while the disk was full"));
                assertThat(text(store.get("a0b1c2"))).isEqualTo("written while the disk was full");
                store.put("d00d", bytes("to be deleted"));
                store.delete("d00d");
                assertThat(store.get("d00d")).isEmpty();
                assertThat(names(dir.resolve("records"))).as("nothing cached, nothing torn").containsExactly("c0ffee");

                try (ReplicatedMetadataStore elsewhere = ReplicatedMetadataStore.open(servers.backends(), KEY,
                        tmp.resolve("elsewhere"), OPTIONS)) {
                    assertThat(elsewhere.list()).containsExactly("a0b1c2", "c0ffee");
                    assertThat(elsewhere.get("a0b1c2").orElseThrow().generation()).isEqualTo(written);
                }

                disk.release();
                assertThat(store.get("a0b1c2").orElseThrow().generation()).isEqualTo(written);
                assertThat(store.get("d00d")).isEmpty();
                assertThat(store.get("c0ffee").orElseThrow().generation()).isEqualTo(cached);
                assertThat(names(dir.resolve("records"))).containsExactlyInAnyOrder("a0b1c2", "c0ffee", "d00d");
            }
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    private static String text(java.util.Optional<MetadataRepository.VersionedRecord> record) {
        return new String(record.orElseThrow().record(), UTF_8);
    }

    private static List<String> names(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
