package io.qsctl.common;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.UUID;

/**
 * Files that survive a crash at any instant: a file is replaced by writing a temporary file beside
 * it, forcing it to disk, renaming it over the target and forcing the directory, so a reader, or a
 * crash at any moment, sees the old content or the new one, never a mix. A write that fails (a
 * full disk) removes its temporary file, which would otherwise hold the space it took.
 *
 * <p>Temporary files are named {@code .<target>.tmp-<random>}: two writers never share one, and
 * {@link #removeLeftovers} finds what a killed writer left.
 *
 * <p>Where the file system has no POSIX permissions, {@link Access#OWNER_ONLY} files are written
 * without them.
 */
public final class DurableFiles {

    private static final String TEMP_MARK = ".tmp-";

    /** Who may read a file written here. */
    public enum Access {
        /** The owner alone (0600; directories 0700), from the first byte: for secrets and state. */
        OWNER_ONLY,
        /** Whatever the umask gives, as any file the user creates. */
        DEFAULT
    }

    private DurableFiles() {
    }

    /** Replaces {@code target} with {@code data}, atomically and durably. The directory must exist. */
    public static void replace(Path target, byte[] data, Access access) throws IOException {
        Path dir = directoryOf(target);
        Path temp = writeTemp(dir, target.getFileName().toString(), data, access);
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            deleteAfterFailure(temp, e);
            throw e;
        }
        fsyncDirectory(dir);
    }

    /**
     * Writes {@code data} to {@code target} only if no file is there yet, atomically and durably;
     * false when one is (another process won the race, and its file stands).
     */
    public static boolean createIfAbsent(Path target, byte[] data, Access access) throws IOException {
        Path dir = directoryOf(target);
        Path temp = writeTemp(dir, target.getFileName().toString(), data, access);
        try {
            try {
                Files.createLink(target, temp);
            } catch (UnsupportedOperationException e) {
                // no hard links here: a move without REPLACE_EXISTING refuses an existing target
                Files.move(temp, target);
            }
            fsyncDirectory(dir);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * A new temporary file in {@code dir}, named after {@code name}, holding {@code data} and forced
     * to disk; the caller renames it into place or deletes it. Nothing is left when it fails.
     */
    public static Path writeTemp(Path dir, String name, byte[] data, Access access) throws IOException {
        Path temp = dir.resolve("." + name + TEMP_MARK + UUID.randomUUID());
        try (FileChannel out = open(temp, access, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            writeFully(out, ByteBuffer.wrap(data));
            out.force(true);
        } catch (IOException | RuntimeException e) {
            deleteAfterFailure(temp, e);
            throw e;
        }
        return temp;
    }

    /** Opens (or creates, as {@code options} say) {@code file}; a file it creates has {@code access}. */
    public static FileChannel open(Path file, Access access, OpenOption... options) throws IOException {
        if (access == Access.OWNER_ONLY) {
            try {
                return FileChannel.open(file, Set.of(options), posix("rw-------"));
            } catch (UnsupportedOperationException e) {
                // no POSIX permissions on this file system: the file is created without them
            }
        }
        return FileChannel.open(file, options);
    }

    /** Writes all of {@code data}: one channel write may take only part of it. */
    public static void writeFully(FileChannel out, ByteBuffer data) throws IOException {
        while (data.hasRemaining()) {
            out.write(data);
        }
    }

    /** Creates {@code dir} and its missing parents owner-only (0700); nothing if it exists. */
    public static void ensurePrivateDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(dir, posix("rwx------"));
        } catch (UnsupportedOperationException e) {
            Files.createDirectories(dir);
        }
    }

    /**
     * Makes renames, new files and removals in {@code dir} durable. Platforms that cannot open a
     * directory (Windows) skip it, and their renames are still atomic; a directory that opens but
     * cannot be forced is an I/O error and is thrown.
     */
    public static void fsyncDirectory(Path dir) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(dir, StandardOpenOption.READ);
        } catch (IOException e) {
            return;
        }
        try (channel) {
            channel.force(true);
        }
    }

    /**
     * Removes the temporary files a killed writer left beside {@code name} in {@code dir}. Only
     * for a directory whose writers are excluded by a lock: another writer's temporary file would
     * be taken from under it.
     */
    public static void removeLeftovers(Path dir, String name) throws IOException {
        removeMatching(dir, "." + name + TEMP_MARK + "*");
    }

    /** {@link #removeLeftovers(Path, String)} for every file of {@code dir}. */
    public static void removeLeftovers(Path dir) throws IOException {
        removeMatching(dir, ".*" + TEMP_MARK + "*");
    }

    private static void removeMatching(Path dir, String glob) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, glob)) {
            for (Path leftover : files) {
                Files.deleteIfExists(leftover);
            }
        }
    }

    private static Path directoryOf(Path target) {
        Path dir = target.toAbsolutePath().getParent();
        if (dir == null) {
            throw new IllegalArgumentException("a file to replace needs a directory: " + target);
        }
        return dir;
    }

    private static void deleteAfterFailure(Path temp, Exception failure) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException cleanup) {
            failure.addSuppressed(cleanup);
        }
    }

    private static FileAttribute<?> posix(String permissions) {
        return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions));
    }
}
