package io.qsctl.zdb.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An append-only file with a user-space write buffer. Appends are positioned immediately (the
 * caller learns the offset at once) but reach the operating system at {@link #flush()}, which the
 * server calls once per batch of requests, before any reply of that batch is sent: one write
 * system call covers many entries, and nothing is acknowledged before the kernel has it, so a
 * killed process loses nothing it acknowledged.
 *
 * <p>A flush that fails part-way (a full disk) may leave part of its bytes in the file. The caller
 * then takes the batch back with {@link #rollBack}, which cuts the file to where the batch began;
 * and no flush appends behind bytes that were not cut, so a torn entry is never buried in the
 * middle of the file by a later append.
 *
 * <p>Reads see unflushed bytes too. Not thread-safe.
 */
final class AppendFile implements AutoCloseable {

    private static final int INITIAL_BUFFER = 64 * 1024;
    /**
     * A grown write buffer is kept up to this size: a batch of 50 clients' 64 KiB values is 3 MiB,
     * and growing the buffer again on every batch would copy and allocate far more than it holds.
     */
    private static final int RETAINED_BUFFER = 32 * 1024 * 1024;

    private final Path path;
    private final FileChannel channel;
    private final MappedReader reader;
    private long flushedSize;
    /** Set when the file may hold bytes past {@link #flushedSize}: they are cut before anything is appended. */
    private boolean torn;
    /** Direct, so a write hands the kernel our bytes without the JDK first copying them off the heap. */
    private ByteBuffer pending = ByteBuffer.allocateDirect(INITIAL_BUFFER);

    private AppendFile(Path path, FileChannel channel, long size) {
        this.path = path;
        this.channel = channel;
        this.reader = new MappedReader(channel, true);
        this.flushedSize = size;
    }

    /** Opens for appending at {@code size} (the caller has validated the content up to there). */
    static AppendFile open(Path path, long size) {
        try {
            FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            if (channel.size() > size) {
                channel.truncate(size);
            }
            return new AppendFile(path, channel, size);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + path, e);
        }
    }

    Path path() {
        return path;
    }

    /** The size the file will have once flushed: the offset of the next append. */
    long size() {
        return flushedSize + pending.position();
    }

    /** Makes room for {@code bytes} more bytes in the write buffer and returns it, positioned at the end. */
    ByteBuffer reserve(int bytes) {
        if (pending.remaining() < bytes) {
            int wanted = Math.max(pending.capacity() * 2, pending.position() + bytes);
            ByteBuffer bigger = ByteBuffer.allocateDirect(wanted).order(pending.order());
            pending.flip();
            bigger.put(pending);
            pending = bigger;
        }
        return pending;
    }

    boolean dirty() {
        return pending.position() > 0;
    }

    /**
     * Hands the buffered appends to the operating system. When that fails, they are dropped, and
     * the part of them that reached the file is cut off before anything else is appended.
     */
    void flush() {
        if (pending.position() == 0) {
            return;
        }
        pending.flip();
        try {
            if (torn) {
                cutTo(flushedSize);
            }
            long at = flushedSize;
            while (pending.hasRemaining()) {
                at += channel.write(pending, at);
            }
            flushedSize = at;
        } catch (IOException e) {
            torn = true;
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        } finally {
            dropPending();
        }
    }

    /**
     * Drops the buffered appends and cuts the file back to {@code size} bytes (at most what was
     * flushed): a batch whose entries must not stay. When the file cannot be cut, this throws and
     * the next flush tries again before it appends anything.
     */
    void rollBack(long size) {
        if (size > flushedSize) {
            throw new IllegalArgumentException("cannot roll " + path + " back to " + size + ", past its end " + flushedSize);
        }
        // no map reaches past size: a batch is taken back before anything reads its flushed part
        dropPending();
        flushedSize = size;
        try {
            cutTo(size);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot cut " + path + " back to " + size + ": " + e.getMessage(), e);
        }
    }

    /** Cuts the file to {@code size}, remembering when that failed so nothing is appended behind the bytes left. */
    private void cutTo(long size) throws IOException {
        try {
            if (channel.size() > size) {
                channel.truncate(size);
            }
            torn = false;
        } catch (IOException e) {
            torn = true;
            throw e;
        }
    }

    private void dropPending() {
        pending.clear();
        if (pending.capacity() > RETAINED_BUFFER) {
            pending = ByteBuffer.allocateDirect(INITIAL_BUFFER);
        }
    }

    /** Flushes and asks the kernel to put the bytes on the disk. */
    void sync() {
        flush();
        try {
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sync " + path, e);
        }
    }

    /** Reads {@code into.remaining()} bytes at {@code offset}, from the file or the write buffer. */
    void read(long offset, ByteBuffer into) {
        try {
            if (offset < flushedSize) {
                int fromFile = (int) Math.min(into.remaining(), flushedSize - offset);
                reader.read(offset, into, fromFile, flushedSize);
                offset += fromFile;
            }
            if (into.hasRemaining()) {
                int from = (int) (offset - flushedSize);
                int n = into.remaining();
                if (from + n > pending.position()) {
                    throw new IOException("read past the end of " + path + " at " + offset);
                }
                into.put(into.position(), pending, from, n);
                into.position(into.position() + n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** Whether the bytes at {@code offset} equal {@code value[from..from+length)} (unflushed bytes included). */
    boolean equalsAt(long offset, byte[] value, int from, int length) {
        try {
            int compared = 0;
            if (offset < flushedSize) {
                int inFile = (int) Math.min(length, flushedSize - offset);
                if (!reader.equalsAt(offset, value, from, inFile, flushedSize)) {
                    return false;
                }
                compared = inFile;
            }
            if (compared < length) {
                int at = (int) (offset + compared - flushedSize);
                int n = length - compared;
                if (at + n > pending.position()) {
                    return false;
                }
                return pending.slice(at, n).mismatch(ByteBuffer.wrap(value, from + compared, n)) == -1;
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** Rewrites bytes already appended (0-db rewrites index flags in place). */
    void overwrite(long offset, ByteBuffer bytes) {
        if (offset >= flushedSize) {
            pending.put((int) (offset - flushedSize), bytes, bytes.position(), bytes.remaining());
            return;
        }
        try {
            long at = offset;
            while (bytes.hasRemaining()) {
                at += channel.write(bytes, at);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }

    FileChannel channel() {
        return channel;
    }

    /** Closes without writing what is buffered: the file is about to be deleted, and a full disk must not stop that. */
    void discard() {
        dropPending();
        close();
    }

    @Override
    public void close() {
        try {
            flush();
        } finally {
            reader.close();
            try {
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close " + path, e);
            }
        }
    }
}
