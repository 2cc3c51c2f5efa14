package io.qsctl.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real disk that fills up: a tmpfs of a few megabytes mounted on a directory, for the tests of
 * what a full disk does to state, journals and data. Writes past its size fail with the kernel's
 * own "No space left on device" (ENOSPC), as on a real full disk.
 *
 * <p>Mounting needs root, or passwordless sudo (GitHub's runners have it). Where neither works,
 * {@link #unavailableReason()} says why, and tests skip themselves with that reason.
 *
 * <pre>{@code
 * try (SmallDisk disk = SmallDisk.mount(dir, 4 << 20)) {
 *     disk.fillLeaving(8192);      // 8 KiB left
 *     ...                          // the code under test runs out of space
 *     disk.release();              // space again
 * }
 * }</pre>
 */
public final class SmallDisk implements AutoCloseable {

    private static final String FILLER = ".filler";
    private static volatile Optional<String> unavailable;

    private final Path path;
    private boolean mounted;

    private SmallDisk(Path path) {
        this.path = path;
        this.mounted = true;
    }

    /** Why small disks cannot be mounted here, or empty when they can. Probed once per JVM. */
    public static Optional<String> unavailableReason() {
        Optional<String> known = unavailable;
        if (known == null) {
            synchronized (SmallDisk.class) {
                known = unavailable;
                if (known == null) {
                    known = probe();
                    unavailable = known;
                }
            }
        }
        return known;
    }

    private static Optional<String> probe() {
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            return Optional.of("small disks are tmpfs mounts, which need Linux");
        }
        Path probe = null;
        try {
            probe = Files.createTempDirectory("qsctl-smalldisk-probe");
            try (SmallDisk disk = mount(probe, 64 * 1024)) {
                Files.writeString(disk.path().resolve("probe"), "ok");
            }
            return Optional.empty();
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            return Optional.of("cannot mount a tmpfs (needs root or passwordless sudo): " + e.getMessage());
        } finally {
            if (probe != null) {
                try {
                    Files.deleteIfExists(probe);
                } catch (IOException ignored) {
                    // a temporary directory; the probe's verdict is what matters
                }
            }
        }
    }

    /** Skips the calling test (a JUnit assumption) where small disks cannot be mounted, saying why. */
    public static void assumeAvailable() {
        Optional<String> reason = unavailableReason();
        Assumptions.assumeTrue(reason.isEmpty(), () -> reason.orElseThrow());
    }

    /** Mounts a tmpfs of {@code bytes} (rounded up to pages) on the existing, empty directory {@code dir}. */
    public static SmallDisk mount(Path dir, long bytes) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String options = "size=" + bytes + ",mode=0700,uid=" + uid() + ",gid=" + gid();
        run(List.of("mount", "-t", "tmpfs", "-o", options, "qsctl-test", dir.toAbsolutePath().toString()));
        return new SmallDisk(dir);
    }

    public Path path() {
        return path;
    }

    /** Bytes that can still be written. */
    public long free() {
        try {
            return Files.getFileStore(path).getUsableSpace();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Fills the disk until about {@code bytes} are left (tmpfs counts in 4 KiB pages): a filler
     * file takes everything, then gives {@code bytes} back.
     */
    public void fillLeaving(long bytes) {
        Path filler = path.resolve(FILLER);
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) {
                throw new UncheckedIOException("filling " + path + " failed otherwise than by a full disk", full);
            }
        }
        try {
            try (FileChannel channel = FileChannel.open(filler, StandardOpenOption.WRITE)) {
                long size = channel.size();
                channel.truncate(Math.max(0, size - bytes));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Frees all the space {@link #fillLeaving} took. */
    public void release() {
        try {
            Files.deleteIfExists(path.resolve(FILLER));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Unmounts (lazily, should a test still hold a file open); what was written is gone. */
    @Override
    public void close() {
        if (mounted) {
            mounted = false;
            run(List.of("umount", "-l", path.toAbsolutePath().toString()));
        }
    }

    private static void run(List<String> command) {
        List<String> full = new ArrayList<>();
        if (!"0".equals(uid())) {
            full.addAll(List.of("sudo", "-n"));
        }
        full.addAll(command);
        try {
            Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
            process.getOutputStream().close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", full) + " did not finish");
            }
            String output = new String(process.getInputStream().readAllBytes()).strip();
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", full) + " failed (exit " + process.exitValue() + ")"
                        + (output.isEmpty() ? "" : ": " + output));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    private static String uid() {
        return id("-u");
    }

    private static String gid() {
        return id("-g");
    }

    private static String id(String flag) {
        try {
            Process process = new ProcessBuilder("id", flag).start();
            String value = new String(process.getInputStream().readAllBytes()).strip();
            process.waitFor(10, TimeUnit.SECONDS);
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
