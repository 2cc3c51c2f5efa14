package io.qsctl.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qsctl.common.DurableFiles.Access;
import io.qsctl.testing.SmallDisk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Durable writes on a disk that fills up (a real tmpfs, see {@link SmallDisk}). */
class DurableFilesFullDiskIT {

    @TempDir
    Path dir;

    @BeforeEach
    void needsSmallDisks() {
        SmallDisk.assumeAvailable();
    }

    @Test
    void aReplacementThatDoesNotFitFailsLeavesTheOldFileAndNoTemporaryFileAndWorksOnceThereIsSpace() throws IOException {
        try (SmallDisk disk = SmallDisk.mount(dir.resolve("disk"), 256 * 1024)) {
            Path file = disk.path().resolve("world.json");
            DurableFiles.replace(file, bytes(1_000, 'a'), Access.OWNER_ONLY);
            disk.fillLeaving(0);

            for (int size : new int[] {10, 5_000, 50_000}) {
                assertThatThrownBy(() -> DurableFiles.replace(file, bytes(size, 'b'), Access.OWNER_ONLY))
                        .isInstanceOf(IOException.class).hasMessageContaining("No space left on device");
                assertThat(Files.readAllBytes(file)).isEqualTo(bytes(1_000, 'a'));
                assertThat(DurableFilesTest.names(disk.path())).containsExactlyInAnyOrder(".filler", "world.json");
            }

            disk.release();
            DurableFiles.replace(file, bytes(50_000, 'c'), Access.OWNER_ONLY);
            assertThat(Files.readAllBytes(file)).isEqualTo(bytes(50_000, 'c'));
        }
    }

    @Test
    void aCreationThatDoesNotFitFailsAndLeavesNothing() throws IOException {
        try (SmallDisk disk = SmallDisk.mount(dir.resolve("disk"), 64 * 1024)) {
            Path file = disk.path().resolve("sandbox.key");
            disk.fillLeaving(0);

            assertThatThrownBy(() -> DurableFiles.createIfAbsent(file, bytes(20_000, 'k'), Access.OWNER_ONLY))
                    .isInstanceOf(IOException.class).hasMessageContaining("No space left on device");
            assertThat(DurableFilesTest.names(disk.path())).containsExactly(".filler");
        }
    }

    private static byte[] bytes(int size, char fill) {
        byte[] out = new byte[size];
        Arrays.fill(out, (byte) fill);
        return out;
    }
}
