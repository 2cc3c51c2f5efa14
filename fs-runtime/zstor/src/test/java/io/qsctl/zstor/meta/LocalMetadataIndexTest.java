package io.qsctl.zstor.meta;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qsctl.common.QsctlException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalMetadataIndexTest {

    @TempDir
    Path dir;

    private final MetaKeys keys = MetaKeys.derive(RecordCipherTest.key(1));

    @Test
    void anEntryReadsBackWithItsGeneration() {
        byte[] sealed = new RecordCipher(keys, new SecureRandom()).seal("a1", 12, "record".getBytes(UTF_8));
        try (LocalMetadataIndex index = LocalMetadataIndex.open(dir, keys)) {
            index.store("a1", 12, sealed);

            LocalMetadataIndex.LocalRead read = index.read("a1");

            assertThat(read).isInstanceOf(LocalMetadataIndex.LocalRead.Hit.class);
            LocalMetadataIndex.LocalEntry entry = ((LocalMetadataIndex.LocalRead.Hit) read).entry();
            assertThat(entry.generation()).isEqualTo(12);
            assertThat(entry.tombstone()).isFalse();
            assertThat(entry.sealed()).isEqualTo(sealed);
            assertThat(index.read("b2")).isInstanceOf(LocalMetadataIndex.LocalRead.Miss.class);
        }
    }

    @Test
    void tombstonesAndRemovalsAreKeptApart() {
        try (LocalMetadataIndex index = LocalMetadataIndex.open(dir, keys)) {
            index.storeTombstone("a1", 3);
            index.store("b2", 4, new byte[40]);
            index.remove("b2");

            assertThat(((LocalMetadataIndex.LocalRead.Hit) index.read("a1")).entry().tombstone()).isTrue();
            assertThat(index.read("b2")).isInstanceOf(LocalMetadataIndex.LocalRead.Miss.class);
            assertThat(index.ids()).containsExactly("a1");
        }
    }

    @Test
    void entriesSurviveReopening() {
        try (LocalMetadataIndex index = LocalMetadataIndex.open(dir, keys)) {
            index.store("a1", 5, new byte[40]);
        }
        try (LocalMetadataIndex index = LocalMetadataIndex.open(dir, keys)) {
            assertThat(index.read("a1")).isInstanceOf(LocalMetadataIndex.LocalRead.Hit.class);
        }
    }

    @Test
    void aChangedOrSwappedFileReadsAsDamagedNeverAsAnotherRecord() throws IOException {
        try (LocalMetadataIndex index = LocalMetadataIndex.open(dir, keys)) {
            index.store("a1", 5, new byte[40]);
            index.store("b2", 6, new byte[40]);
            Path a1 = dir.resolve("records/a1");
            byte[] bytes = Files.readAllBytes(a1);
            bytes[20] ^= 1;
            Files.write(a1, bytes);
            Files.copy(dir.resolve("records/b2"), dir.resolve("records/c3"));

            assertThat(index.read("a1")).isEqualTo(new LocalMetadataIndex.LocalRead.Damaged("checksum mismatch"));
            assertThat(index.read("c3")).isEqualTo(new LocalMetadataIndex.LocalRead.Damaged("checksum mismatch"));
        }
    }

    @Test
    void temporaryFilesLeftByACrashAreRemovedOnOpen() throws IOException {
        try (LocalMetadataIndex index = LocalMetadataIndex.open(dir, keys)) {
            index.store("a1", 5, new byte[40]);
        }
        Path leftover = dir.resolve("records/.tmp-a1-deadbeef");
        Files.write(leftover, new byte[] {1, 2, 3});
        Path leftoverOfNow = dir.resolve("records/.a1.tmp-deadbeef");
        Files.write(leftoverOfNow, new byte[] {1, 2, 3});
        Path besideFormat = dir.resolve("." + LocalMetadataIndex.FORMAT_FILE + ".tmp-deadbeef");
        Files.write(besideFormat, new byte[] {1, 2, 3});

        try (LocalMetadataIndex index = LocalMetadataIndex.open(dir, keys)) {
            assertThat(leftover).doesNotExist();
            assertThat(leftoverOfNow).doesNotExist();
            assertThat(besideFormat).doesNotExist();
            assertThat(index.ids()).containsExactly("a1");
        }
    }

    @Test
    void anIndexWrittenUnderAnotherKeyIsRefusedOnOpen() {
        LocalMetadataIndex.open(dir, keys).close();

        assertThatThrownBy(() -> LocalMetadataIndex.open(dir, MetaKeys.derive(RecordCipherTest.key(2))))
                .isInstanceOf(WrongMetadataKeyException.class)
                .hasMessageContaining("written under a different metadata key");
    }

    @Test
    void onlyOneStoreAtATimeMayUseAnIndex() {
        try (LocalMetadataIndex first = LocalMetadataIndex.open(dir, keys)) {
            assertThatThrownBy(() -> LocalMetadataIndex.open(dir, keys)).isInstanceOf(QsctlException.class)
                    .hasMessageContaining("in use by another store");
        }
        LocalMetadataIndex.open(dir, keys).close();
    }
}
