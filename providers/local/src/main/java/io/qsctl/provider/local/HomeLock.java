package io.qsctl.provider.local;

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
 * An exclusive lock on a file in the grid home, held by the kernel (released when the process
 * ends, even by {@code kill -9}). The daemon holds {@code daemon.lock} while it runs, so a second
 * daemon on the same home refuses to start; launchers hold {@code launch.lock} while they check
 * and start, so two racing launchers end with one daemon.
 */
final class HomeLock implements AutoCloseable {

    static final String DAEMON = "daemon.lock";
    static final String LAUNCH = "launch.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private HomeLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock if it is free; empty if another process (or this one) holds it. */
    static Optional<HomeLock> tryTake(Path home, String name) {
        FileChannel channel = open(home, name);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                close(channel);
                return Optional.empty();
            }
            note(channel);
            return Optional.of(new HomeLock(channel, lock));
        } catch (IOException | OverlappingFileLockException e) {
            close(channel);
            return Optional.empty();
        }
    }

    /** Waits for the lock. Within one process callers must not overlap (see {@link LocalGridLauncher}). */
    static HomeLock take(Path home, String name) {
        FileChannel channel = open(home, name);
        try {
            FileLock lock = channel.lock();
            return new HomeLock(channel, lock);
        } catch (IOException e) {
            close(channel);
            throw new UncheckedIOException("cannot lock " + home.resolve(name), e);
        }
    }

    /** The pid written by whoever holds the lock, if it wrote one. */
    static Optional<Long> holder(Path home, String name) {
        try {
            String text = Files.readString(home.resolve(name), StandardCharsets.US_ASCII).strip();
            return text.matches("[0-9]+") ? Optional.of(Long.parseLong(text)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static FileChannel open(Path home, String name) {
        try {
            Files.createDirectories(home);
            return FileChannel.open(home.resolve(name), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + home.resolve(name), e);
        }
    }

    private static void note(FileChannel channel) {
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        } catch (IOException e) {
            // only the note of who holds it is lost
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel releases it as well
        }
        close(channel);
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing more to do
        }
    }
}
