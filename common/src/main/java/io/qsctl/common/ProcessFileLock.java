package io.qsctl.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * An exclusive lock on a file, held by the kernel: released when the process ends, even by
 * {@code kill -9}, so a crash never leaves it behind. The holder writes its pid into the file so
 * that whoever is refused can say who holds it; the pid is only a note, the lock is the kernel's.
 * Within one process, the same file must not be locked twice (the JDK refuses overlapping locks).
 */
public final class ProcessFileLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private ProcessFileLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock if it is free; empty if another process (or this one) holds it. */
    public static Optional<ProcessFileLock> tryTake(Path file) {
        FileChannel channel = open(file);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (IOException | OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            close(channel);
            return Optional.empty();
        }
        note(channel);
        return Optional.of(new ProcessFileLock(channel, lock));
    }

    /** Waits for the lock. */
    public static ProcessFileLock take(Path file) {
        FileChannel channel = open(file);
        try {
            FileLock lock = channel.lock();
            note(channel);
            return new ProcessFileLock(channel, lock);
        } catch (IOException e) {
            close(channel);
            throw new UncheckedIOException("cannot lock " + file, e);
        }
    }

    /** The pid written by whoever holds (or last held) the lock, if it wrote one. */
    public static Optional<Long> holder(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
            return text.matches("[0-9]+") ? Optional.of(Long.parseLong(text)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static FileChannel open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the lock file " + file, e);
        }
    }

    private static void note(FileChannel channel) {
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        } catch (IOException e) {
            // only the note of who holds the lock is lost; the lock itself is held
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel below releases it as well
        }
        close(channel);
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing left to do: the process is letting go of the file
        }
    }
}
