package io.qsctl.zdb.engine;

import io.qsctl.zdb.format.DataEntryHeader;
import io.qsctl.zdb.format.DataHeader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data files of one namespace: appends to the active file {@code d<N>}, reads from any file.
 * A sealed file may be missing (offloaded); a read that needs it asks the event bus to restore it
 * (0-db's {@code missing-data} hook) and retries once.
 */
final class DataStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DataStore.class);

    private final String namespace;
    private final Path dir;
    private final EventBus events;
    private final SealedFiles sealed;
    private int activeId;
    private AppendFile active;
    /** Offset of the last entry written, for the next entry's {@code previous}; kept across rotations as 0-db does. */
    private int previous;

    private DataStore(String namespace, Path dir, EventBus events) {
        this.namespace = namespace;
        this.dir = dir;
        this.events = events;
        this.sealed = new SealedFiles(this::pathOf);
    }

    Path pathOf(int fileId) {
        return dir.resolve("d" + Integer.toUnsignedString(fileId));
    }

    /**
     * Opens the data side with {@code activeId} as the active file: its header is (re)written, and
     * anything after the last complete entry (a write the process did not finish) is cut off.
     */
    static DataStore open(String namespace, Path dir, int activeId, EventBus events) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        DataStore store = new DataStore(namespace, dir, events);
        store.openActive(activeId);
        return store;
    }

    private void openActive(int id) {
        Path path = pathOf(id);
        long end = DataHeader.SIZE;
        int last = 0;
        try {
            if (Files.exists(path)) {
                try (FileChannel channel = FileChannel.open(path)) {
                    long size = channel.size();
                    ByteBuffer header = ByteBuffer.allocate(DataEntryHeader.SIZE).order(ByteOrder.LITTLE_ENDIAN);
                    long at = DataHeader.SIZE;
                    while (at + DataEntryHeader.SIZE <= size) {
                        header.clear();
                        readFully(channel, header, at);
                        header.flip();
                        DataEntryHeader entry = DataEntryHeader.read(header);
                        long next = at + entry.entrySize();
                        if (next > size) {
                            break;
                        }
                        last = (int) at;
                        at = next;
                    }
                    end = at;
                    if (end < size) {
                        LOG.warn("{}: cutting {} bytes of an unfinished write from {}", namespace, size - end, path);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
        AppendFile file = AppendFile.open(path, Math.max(end, DataHeader.SIZE));
        try {
            file.overwrite(0, ByteBuffer.wrap(DataHeader.of(id).toBytes()));
            file.flush();
        } catch (RuntimeException e) {
            try {
                file.close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        active = file;
        activeId = id;
        previous = last;
    }

    int activeId() {
        return activeId;
    }

    /** Size of the active file including unflushed appends: where the next entry goes. */
    long activeSize() {
        return active.size();
    }

    /** Cuts the active file back to {@code size} bytes (recovery, after the index said what is valid). */
    void truncateActive(long size, int lastEntry) {
        active.flush();
        try {
            active.channel().truncate(size);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot truncate " + active.path(), e);
        }
        active.close();
        active = AppendFile.open(pathOf(activeId), size);
        previous = lastEntry;
    }

    /** Offset of the last entry written, which the next one links to. */
    int previous() {
        return previous;
    }

    /**
     * Takes back a batch of appends: drops what is buffered and cuts the active file back to
     * {@code size}, where the batch began, with {@code lastEntry} as it was then.
     */
    void rollBack(long size, int lastEntry) {
        previous = lastEntry;
        active.rollBack(size);
    }

    /** Appends an entry (header, key, payload); returns the offset of its header. */
    int append(byte[] key, int keyOffset, int keyLength, byte[] value, int valueOffset, int valueLength, int crc,
               int flags, int timestamp) {
        int offset = (int) active.size();
        ByteBuffer out = active.reserve(DataEntryHeader.SIZE + keyLength + valueLength).order(ByteOrder.LITTLE_ENDIAN);
        out.put((byte) keyLength).putInt(valueLength).putInt(previous).putInt(crc).put((byte) flags).putInt(timestamp);
        out.put(key, keyOffset, keyLength);
        if (valueLength > 0) {
            out.put(value, valueOffset, valueLength);
        }
        previous = offset;
        return offset;
    }

    boolean dirty() {
        return active.dirty();
    }

    void flush() {
        active.flush();
    }

    void sync() {
        active.sync();
    }

    /**
     * Seals the active file and starts {@code d<newId>}. The sealed file is forced to disk only
     * when asked ({@code --sync}, 0-db's {@code --secure}): forcing hundreds of megabytes on every
     * rotation would stall every client for as long as the disk needs. When this fails (no space
     * for the new file), {@link #abandonJump} makes the old file active again.
     */
    void jump(int newId, boolean forceSealed) {
        if (forceSealed) {
            active.sync();
        }
        active.close();
        Path next = pathOf(newId);
        try {
            Files.deleteIfExists(next);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace " + next, e);
        }
        active = AppendFile.open(next, 0);
        active.reserve(DataHeader.SIZE).put(DataHeader.of(newId).toBytes());
        active.flush();
        activeId = newId;
    }

    /**
     * Undoes a {@link #jump} that failed: the file it started, if any, is removed, and {@code d<oldId>}
     * is active again, {@code size} bytes long. The jump must have come after a flush.
     */
    void abandonJump(int oldId, long size) {
        Path started = pathOf(oldId + 1);
        active.close();
        try {
            Files.deleteIfExists(started);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + started + " after a failed rotation", e);
        }
        active = AppendFile.open(pathOf(oldId), size);
        activeId = oldId;
    }

    /** Reads a payload into {@code into} (exactly {@code length} bytes are added). */
    void readPayload(int fileId, int entryOffset, int keyLength, int length, ByteBuffer into) {
        long at = (entryOffset & 0xFFFF_FFFFL) + DataEntryHeader.SIZE + keyLength;
        int limit = into.limit();
        into.limit(into.position() + length);
        try {
            read(fileId, at, into);
        } finally {
            into.limit(limit);
        }
    }

    /** Whether a stored payload equals the given bytes, compared in place (the unchanged-value check of SET). */
    boolean payloadEquals(int fileId, int entryOffset, int keyLength, byte[] value, int from, int length) {
        long at = (entryOffset & 0xFFFF_FFFFL) + DataEntryHeader.SIZE + keyLength;
        if (fileId == activeId) {
            return active.equalsAt(at, value, from, length);
        }
        try {
            SealedFiles.Handle handle = handleFor(fileId);
            if (at + length > handle.size) {
                return false;
            }
            return handle.reader.equalsAt(at, value, from, length, handle.size);
        } catch (IOException e) {
            LOG.warn("{}: cannot read {} at {}: {}", namespace, pathOf(fileId), at, e.toString());
            throw ZdbError.internal();
        }
    }

    DataEntryHeader readHeader(int fileId, long entryOffset) {
        ByteBuffer header = ByteBuffer.allocate(DataEntryHeader.SIZE);
        read(fileId, entryOffset, header);
        header.flip();
        return DataEntryHeader.read(header);
    }

    /** Size of a data file, or -1 when it is missing and could not be restored. */
    long size(int fileId) {
        if (fileId == activeId) {
            return active.size();
        }
        try {
            return handleFor(fileId).size;
        } catch (IOException e) {
            return -1;
        }
    }

    /** Reads bytes at an offset of any data file, restoring an offloaded file if needed. */
    void read(int fileId, long offset, ByteBuffer into) {
        if (fileId == activeId) {
            active.read(offset, into);
            return;
        }
        try {
            handleFor(fileId).read(offset, into);
        } catch (IOException e) {
            LOG.warn("{}: cannot read {} at {}: {}", namespace, pathOf(fileId), offset, e.toString());
            throw ZdbError.internal();
        }
    }

    private SealedFiles.Handle handleFor(int fileId) throws IOException {
        try {
            return sealed.handle(fileId, false);
        } catch (NoSuchFileException missing) {
            Path path = pathOf(fileId);
            LOG.info("{}: data file {} is not on disk; asking for it", namespace, path);
            if (!events.restore(new EngineEvent.MissingData(namespace, path.toString()))) {
                throw missing;
            }
            return sealed.handle(fileId, false);
        }
    }

    /** Drops a sealed file's descriptor (after offload) so its space is freed. */
    void forget(int fileId) {
        sealed.forget(fileId);
    }

    Path activePath() {
        return active.path();
    }

    private static void readFully(FileChannel channel, ByteBuffer into, long offset) throws IOException {
        long at = offset;
        while (into.hasRemaining()) {
            int n = channel.read(into, at);
            if (n < 0) {
                throw new IOException("unexpected end of file at " + at);
            }
            at += n;
        }
    }

    @Override
    public void close() {
        try {
            active.close();
        } finally {
            sealed.close();
        }
    }

    /**
     * Removes every data file of the namespace (FLUSH, NSDEL). Appends not yet flushed are
     * dropped, not written first: they would go with the files, and on a full disk they could not.
     */
    void deleteFiles() {
        try {
            active.discard();
        } finally {
            sealed.close();
        }
        try (var files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (file.getFileName().toString().matches("d[0-9]+")) {
                    Files.delete(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + dir, e);
        }
    }

    Path dir() {
        return dir;
    }
}
