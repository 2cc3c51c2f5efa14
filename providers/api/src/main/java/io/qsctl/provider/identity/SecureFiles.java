package io.qsctl.provider.identity;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;

/**
 * Writing secret files: created owner-only (0600, directories 0700) from the first byte, never
 * widened afterwards, and replaced atomically (write a temporary file, fsync it, rename it over
 * the target, fsync the directory) so a crash leaves the old file or the new one, never a mix.
 * On file systems without POSIX permissions the files are written without them.
 */
final class SecureFiles {

    private SecureFiles() {
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

    /** Replaces {@code target} with {@code data}, atomically and durably. */
    static void writeAtomically(Path target, byte[] data) throws IOException {
        Path temp = writeTemp(target, data);
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        fsyncDirectory(target.toAbsolutePath().getParent());
    }

    /**
     * Writes {@code data} to {@code target} only if no file is there yet; false when one is
     * (another process won the race, and its file stands).
     */
    static boolean writeIfAbsent(Path target, byte[] data) throws IOException {
        Path temp = writeTemp(target, data);
        try {
            Files.createLink(target, temp);
            fsyncDirectory(target.toAbsolutePath().getParent());
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException e) {
            // No hard links here: a move without REPLACE_EXISTING refuses an existing target.
            try {
                Files.move(temp, target);
                fsyncDirectory(target.toAbsolutePath().getParent());
                return true;
            } catch (FileAlreadyExistsException taken) {
                return false;
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static Path writeTemp(Path target, byte[] data) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        ensurePrivateDirectory(dir);
        Path temp = dir.resolve("." + target.getFileName() + ".tmp-" + UUID.randomUUID());
        try (FileChannel out = create(temp)) {
            ByteBuffer buffer = ByteBuffer.wrap(data);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        return temp;
    }

    private static FileChannel create(Path file) throws IOException {
        try {
            return FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    posix("rw-------"));
        } catch (UnsupportedOperationException e) {
            return FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }
    }

    /** Makes a rename or a new file in {@code dir} durable; a no-op where directories cannot be opened. */
    static void fsyncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some platforms cannot open or sync a directory; the rename itself is still atomic.
        }
    }

    private static FileAttribute<?> posix(String permissions) {
        return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions));
    }
}
