package io.qsctl.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.UUID;

/**
 * File operations that survive a crash at any instant: owner-only files (0600) and directories
 * (0700) from their creation, replacement by write-temp, fsync, rename, fsync-directory. Where
 * the file system has no POSIX permissions, files are created without them.
 */
final class Durable {

    private Durable() {
    }

    static void ensurePrivateDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(dir, posix("rwx------"));
        } catch (UnsupportedOperationException e) {
            Files.createDirectories(dir);
        }
    }

    /** A new owner-only file in {@code dir} holding {@code data}, forced to disk; the caller renames or deletes it. */
    static Path writeTemp(Path dir, String name, byte[] data) throws IOException {
        Path temp = dir.resolve("." + name + ".tmp-" + UUID.randomUUID());
        try (FileChannel out = createPrivate(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            writeFully(out, ByteBuffer.wrap(data));
            out.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        return temp;
    }

    /** Replaces {@code target} by {@code data} atomically and durably. */
    static void replace(Path target, byte[] data) throws IOException {
        Path dir = target.getParent();
        Path temp = writeTemp(dir, target.getFileName().toString(), data);
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        fsyncDirectory(dir);
    }

    static FileChannel createPrivate(Path file, StandardOpenOption... options) throws IOException {
        try {
            return FileChannel.open(file, Set.of(options), posix("rw-------"));
        } catch (UnsupportedOperationException e) {
            return FileChannel.open(file, options);
        }
    }

    static void writeFully(FileChannel out, ByteBuffer data) throws IOException {
        while (data.hasRemaining()) {
            out.write(data);
        }
    }

    /** Makes renames and new files in {@code dir} durable; a no-op where a directory cannot be synced. */
    static void fsyncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some platforms cannot open or sync a directory; renames are still atomic there.
        }
    }

    private static FileAttribute<?> posix(String permissions) {
        return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions));
    }
}
