package io.qsctl.zdb.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Channels for files other than the active one, opened on demand and kept in a small LRU so a
 * namespace with thousands of files holds only a few descriptors.
 */
final class SealedFiles implements AutoCloseable {

    private static final int MAX_OPEN = 16;

    private final IntFunction<Path> pathOf;
    private final Set<Integer> writable = new HashSet<>();
    private final Map<Integer, FileChannel> open = new LinkedHashMap<>(32, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, FileChannel> eldest) {
            if (size() > MAX_OPEN) {
                writable.remove(eldest.getKey());
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

    /** The channel for a file; a missing file throws {@link java.nio.file.NoSuchFileException}. */
    FileChannel channel(int fileId, boolean forWriting) throws IOException {
        FileChannel channel = open.get(fileId);
        if (channel != null && (!forWriting || writable.contains(fileId))) {
            return channel;
        }
        if (channel != null) {
            open.remove(fileId);
            channel.close();
        }
        channel = forWriting
                ? FileChannel.open(pathOf.apply(fileId), StandardOpenOption.READ, StandardOpenOption.WRITE)
                : FileChannel.open(pathOf.apply(fileId), StandardOpenOption.READ);
        open.put(fileId, channel);
        if (forWriting) {
            writable.add(fileId);
        } else {
            writable.remove(fileId);
        }
        return channel;
    }

    /** Drops a file's channel, e.g. after it was offloaded, so its disk space is freed. */
    void forget(int fileId) {
        writable.remove(fileId);
        close(open.remove(fileId));
    }

    @Override
    public void close() {
        for (FileChannel channel : open.values()) {
            close(channel);
        }
        open.clear();
        writable.clear();
    }

    private static void close(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
