package io.qsctl.zdb.engine;

import io.qsctl.zdb.format.IndexEntry;
import io.qsctl.zdb.format.IndexHeader;
import io.qsctl.zdb.format.Mode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The index files of one namespace. Appends go to the active file {@code i<N>}. Rewrites of
 * existing entries (the DELETED flag of a superseded version, a sequential slot updated in place)
 * are queued and applied only after the appends of the same batch are flushed: if the process
 * dies in between, the old version is still valid on disk and the new one, if present, wins at
 * replay, so an acknowledged value is never lost.
 */
final class IndexStore implements AutoCloseable {

    private final Path dir;
    private final SealedFiles sealed;
    private int activeId;
    private AppendFile active;
    /** Offset of the last entry appended, for the next entry's {@code previous}; kept across rotations as 0-db does. */
    private int previous;
    private final BitSet dirty = new BitSet();
    private final List<Rewrite> rewrites = new ArrayList<>();

    private record Rewrite(int fileId, long offset, byte[] bytes) {
    }

    private IndexStore(Path dir) {
        this.dir = dir;
        this.sealed = new SealedFiles(this::pathOf);
    }

    static IndexStore create(Path dir) {
        return new IndexStore(dir);
    }

    Path pathOf(int fileId) {
        return dir.resolve("i" + Integer.toUnsignedString(fileId));
    }

    Path dir() {
        return dir;
    }

    /** Makes {@code i<id>} the active file, valid up to {@code size} bytes. */
    void openActive(int id, long size, int lastEntry) {
        if (active != null) {
            active.close();
        }
        sealed.forget(id);
        active = AppendFile.open(pathOf(id), size);
        activeId = id;
        previous = lastEntry;
    }

    /** Creates {@code i<id>} with a fresh header and makes it active (the previous one is closed, not forced). */
    void createActive(int id, Mode mode, long now) {
        if (active != null) {
            active.close();
        }
        Path path = pathOf(id);
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace " + path, e);
        }
        active = AppendFile.open(path, 0);
        active.reserve(IndexHeader.SIZE).put(IndexHeader.fresh(id, mode, now).toBytes());
        active.flush();
        activeId = id;
    }

    int activeId() {
        return activeId;
    }

    long activeSize() {
        return active.size();
    }

    int previous() {
        return previous;
    }

    /** In-place rewrites queued and not yet applied. */
    int queuedRewrites() {
        return rewrites.size();
    }

    /**
     * Takes back a batch: drops its buffered appends and the rewrites it queued (those after the
     * first {@code keptRewrites}), and cuts the active file back to {@code size}, where the batch
     * began, with {@code lastEntry} as it was then.
     */
    void rollBack(long size, int lastEntry, int keptRewrites) {
        dropRewrites(keptRewrites);
        previous = lastEntry;
        active.rollBack(size);
    }

    /** Forgets the rewrites queued after the first {@code kept}. */
    void dropRewrites(int kept) {
        rewrites.subList(kept, rewrites.size()).clear();
    }

    /**
     * Undoes a {@link #createActive} that failed (no space for the new file): the file it started,
     * if any, is removed, and {@code i<oldId>} is active again, {@code size} bytes long.
     */
    void abandonCreate(int oldId, long size) {
        Path started = pathOf(oldId + 1);
        active.close();
        try {
            Files.deleteIfExists(started);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + started + " after a failed rotation", e);
        }
        openActive(oldId, size, previous);
    }

    /** Appends an entry; returns its offset. */
    int append(byte[] key, int keyOffset, int keyLength, int dataOffset, int length, int flags, int dataId,
               int timestamp, int crc, int parentId, int parentOffset) {
        int offset = (int) active.size();
        ByteBuffer out = active.reserve(IndexEntry.FIXED_SIZE + keyLength).order(ByteOrder.LITTLE_ENDIAN);
        out.put((byte) keyLength).putInt(dataOffset).putInt(length).putInt(previous).put((byte) flags)
                .putInt(dataId).putInt(timestamp).putInt(crc).putInt(parentId).putInt(parentOffset)
                .put(key, keyOffset, keyLength);
        previous = offset;
        return offset;
    }

    /** Queues an in-place rewrite of bytes of an existing entry, and marks its file dirty. */
    void rewrite(int fileId, long offset, byte[] bytes) {
        rewrites.add(new Rewrite(fileId, offset, bytes));
        dirty.set(fileId);
    }

    /** Queues setting the DELETED flag of the entry at (file, offset). */
    void markDeleted(int fileId, long entryOffset) {
        rewrite(fileId, entryOffset + IndexEntry.FLAGS_OFFSET, new byte[] {IndexEntry.FLAG_DELETED});
    }

    boolean dirtyWrites() {
        return active.dirty() || !rewrites.isEmpty();
    }

    void flushAppends() {
        active.flush();
    }

    /** Applies queued rewrites; call after the appends of the batch (data and index) are flushed. */
    void applyRewrites(boolean force) {
        java.util.Set<FileChannel> touched = force ? new java.util.HashSet<>() : null;
        applyRewrites(touched);
        if (touched != null) {
            for (FileChannel channel : touched) {
                try {
                    channel.force(false);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot sync an index file of " + dir, e);
                }
            }
        }
    }

    void applyRewrites() {
        applyRewrites((java.util.Set<FileChannel>) null);
    }

    private void applyRewrites(java.util.Set<FileChannel> touched) {
        if (rewrites.isEmpty()) {
            return;
        }
        for (Rewrite r : rewrites) {
            ByteBuffer bytes = ByteBuffer.wrap(r.bytes());
            if (r.fileId() == activeId) {
                active.overwrite(r.offset(), bytes);
            } else {
                try {
                    FileChannel channel = sealed.channel(r.fileId(), true);
                    if (touched != null) {
                        touched.add(channel);
                    }
                    long at = r.offset();
                    while (bytes.hasRemaining()) {
                        at += channel.write(bytes, at);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot rewrite " + pathOf(r.fileId()), e);
                }
            }
        }
        rewrites.clear();
    }

    void sync() {
        active.sync();
    }

    BitSet dirtyFiles() {
        return (BitSet) dirty.clone();
    }

    void resetDirty() {
        dirty.clear();
    }

    /** Reads bytes of any index file (unflushed appends included). */
    void read(int fileId, long offset, ByteBuffer into) throws IOException {
        int start = into.position();
        if (fileId == activeId) {
            active.read(offset, into);
        } else {
            sealed.handle(fileId, false).read(offset, into);
        }
        if (!rewrites.isEmpty()) {
            overlayQueuedRewrites(fileId, offset, into, start);
        }
    }

    /** Reads see the rewrites queued in this batch, as if already applied. */
    private void overlayQueuedRewrites(int fileId, long offset, ByteBuffer into, int start) {
        long end = offset + (into.position() - start);
        for (Rewrite r : rewrites) {
            if (r.fileId() != fileId) {
                continue;
            }
            long from = Math.max(r.offset(), offset);
            long to = Math.min(r.offset() + r.bytes().length, end);
            for (long p = from; p < to; p++) {
                into.put(start + (int) (p - offset), r.bytes()[(int) (p - r.offset())]);
            }
        }
    }

    /** The entry at (file, offset), or null when there is none there. */
    IndexEntry readEntry(int fileId, long offset) {
        try {
            long size = size(fileId);
            if (offset < IndexHeader.SIZE || offset + IndexEntry.FIXED_SIZE > size) {
                return null;
            }
            ByteBuffer fixed = ByteBuffer.allocate(IndexEntry.FIXED_SIZE + 255);
            fixed.limit(IndexEntry.FIXED_SIZE);
            read(fileId, offset, fixed);
            int keyLength = fixed.get(0) & 0xFF;
            if (offset + IndexEntry.FIXED_SIZE + keyLength > size) {
                return null;
            }
            fixed.limit(IndexEntry.FIXED_SIZE + keyLength);
            read(fileId, offset + IndexEntry.FIXED_SIZE, fixed);
            fixed.flip();
            return IndexEntry.read(fixed);
        } catch (IOException e) {
            return null;
        }
    }

    /** Size of an index file, -1 when absent. */
    long size(int fileId) {
        if (fileId == activeId) {
            return active.size();
        }
        try {
            return sealed.handle(fileId, false).size;
        } catch (IOException e) {
            return -1;
        }
    }

    Path activePath() {
        return active.path();
    }

    @Override
    public void close() {
        try {
            if (active != null) {
                applyRewritesQuietly();
                active.close();
            }
        } finally {
            sealed.close();
        }
    }

    private void applyRewritesQuietly() {
        active.flush();
        applyRewrites();
    }

    /**
     * Removes every index file of the namespace (FLUSH, NSDEL). Appends not yet flushed are
     * dropped, not written first: they would go with the files, and on a full disk they could not.
     */
    void deleteFiles() {
        rewrites.clear();
        try {
            if (active != null) {
                active.discard();
            }
        } finally {
            sealed.close();
        }
        active = null;
        try (var files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (file.getFileName().toString().matches("i[0-9]+")) {
                    Files.delete(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + dir, e);
        }
        dirty.clear();
        previous = 0;
    }
}
