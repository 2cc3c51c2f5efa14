package io.qsctl.zdb.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Files other than the active one, opened (and memory-mapped for reading) on demand and kept in a
 * small LRU so a namespace with thousands of files holds only a few descriptors and maps. Their
 * size is read once: they do not grow.
 */
final class SealedFiles implements AutoCloseable {

    private static final int MAX_OPEN = 64;

    /** An open sealed file. */
    static final class Handle {
        final FileChannel channel;
        final MappedReader reader;
        final long size;
        final boolean writable;

        Handle(FileChannel channel, boolean writable) throws IOException {
            this.channel = channel;
            this.reader = new MappedReader(channel, false);
            this.size = channel.size();
            this.writable = writable;
        }

        void read(long offset, ByteBuffer into) throws IOException {
            int length = into.remaining();
            if (offset + length > size) {
                throw new IOException("read of " + length + " bytes at " + offset + " past the end (" + size + ")");
            }
            reader.read(offset, into, length, size);
        }

        void close() throws IOException {
            reader.close();
            channel.close();
        }
    }

    private final IntFunction<Path> pathOf;
    private final Map<Integer, Handle> open = new LinkedHashMap<>(32, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Handle> eldest) {
            if (size() > MAX_OPEN) {
                close(eldest.getValue());
                return true;
            }
            return false;
        }
    };

    SealedFiles(IntFunction<Path> pathOf) {
        this.pathOf = pathOf;
    }

    Path path(int fileId) {
        return pathOf.apply(fileId);
    }

    /** The handle of a file; a missing file throws {@link java.nio.file.NoSuchFileException}. */
    Handle handle(int fileId, boolean forWriting) throws IOException {
        Handle handle = open.get(fileId);
        if (handle != null && (!forWriting || handle.writable)) {
            return handle;
        }
        if (handle != null) {
            open.remove(fileId);
            handle.close();
        }
        FileChannel channel = forWriting
                ? FileChannel.open(pathOf.apply(fileId), StandardOpenOption.READ, StandardOpenOption.WRITE)
                : FileChannel.open(pathOf.apply(fileId), StandardOpenOption.READ);
        handle = new Handle(channel, forWriting);
        open.put(fileId, handle);
        return handle;
    }

    FileChannel channel(int fileId, boolean forWriting) throws IOException {
        return handle(fileId, forWriting).channel;
    }

    /** Drops a file's handle, e.g. after it was offloaded, so its disk space is freed. */
    void forget(int fileId) {
        close(open.remove(fileId));
    }

    @Override
    public void close() {
        for (Handle handle : open.values()) {
            close(handle);
        }
        open.clear();
    }

    private static void close(Handle handle) {
        if (handle == null) {
            return;
        }
        try {
            handle.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
