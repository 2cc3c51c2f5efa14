package io.qsctl.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmallDiskIT {

    @TempDir
    Path dir;

    @BeforeEach
    void needsSmallDisks() {
        SmallDisk.assumeAvailable();
    }

    @Test
    void aWritePastTheSizeFailsAsOnAFullDisk() {
        try (SmallDisk disk = SmallDisk.mount(dir.resolve("disk"), 256 * 1024)) {
            assertThatThrownBy(() -> Files.write(disk.path().resolve("big"), new byte[512 * 1024]))
                    .isInstanceOf(IOException.class).hasMessageContaining("No space left on device");
        }
    }

    @Test
    void fillLeavingLeavesAboutThatMuchAndReleaseGivesItAllBack() throws IOException {
        try (SmallDisk disk = SmallDisk.mount(dir.resolve("disk"), 1024 * 1024)) {
            disk.fillLeaving(16 * 1024);
            assertThat(disk.free()).isBetween(12L * 1024, 20L * 1024);
            Files.write(disk.path().resolve("fits"), new byte[8 * 1024]);
            assertThatThrownBy(() -> Files.write(disk.path().resolve("does-not"), new byte[64 * 1024]))
                    .hasMessageContaining("No space left on device");
            disk.release();
            assertThat(disk.free()).isGreaterThan(900L * 1024);
        }
    }

    @Test
    void closingUnmountsAndLeavesTheDirectoryEmpty() throws IOException {
        Path mountPoint = dir.resolve("disk");
        try (SmallDisk disk = SmallDisk.mount(mountPoint, 64 * 1024)) {
            Files.writeString(disk.path().resolve("gone"), "after unmount");
        }
        try (var listing = Files.list(mountPoint)) {
            assertThat(listing).isEmpty();
        }
    }
}
