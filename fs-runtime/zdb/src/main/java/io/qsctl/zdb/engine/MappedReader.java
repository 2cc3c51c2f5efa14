package io.qsctl.zdb.engine;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a file through read-only memory maps, so a GET costs a memory copy instead of a system
 * call. The file may grow (the active data file does): a read past the mapped size maps again up
 * to the file's current size. Maps are in 1 GiB chunks because a Java buffer stops at 2 GiB and
 * data files go up to 4 GiB. Maps are released explicitly on close, so a deleted (offloaded) file
 * frees its space at once instead of at the next garbage collection.
 */
final class MappedReader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MappedReader.class);
    private static final int CHUNK_BITS = 30;
    private static final long CHUNK = 1L << CHUNK_BITS;
    /**
     * A growing file is mapped again only once this much was appended since the last map: the
     * newest bytes are read with a positional read meanwhile, instead of unmapping and mapping
     * on every batch of a write-heavy load.
     */
    private static final long REMAP_STEP = 16L << 20;
    /** ... and at first at every doubling from this size, so a small file is mapped as a whole. */
    private static final long FIRST_STEP = 1L << 20;

    private final FileChannel channel;
    private final boolean growing;
    private MappedByteBuffer[] chunks = new MappedByteBuffer[0];
    private long mapped;

    MappedReader(FileChannel channel, boolean growing) {
        this.channel = channel;
        this.growing = growing;
    }

    /** Copies {@code length} bytes at {@code offset} into {@code into}; {@code fileSize} bytes are known to exist. */
    void read(long offset, ByteBuffer into, int length, long fileSize) throws IOException {
        if (offset + length > mapped) {
            if (worthRemapping(fileSize)) {
                remap(fileSize);
            }
            if (offset + length > mapped) {
                readDirect(offset, into, length);
                return;
            }
        }
        long at = offset;
        int remaining = length;
        while (remaining > 0) {
            int chunk = (int) (at >>> CHUNK_BITS);
            int within = (int) (at & (CHUNK - 1));
            MappedByteBuffer map = chunks[chunk];
            int n = Math.min(remaining, map.limit() - within);
            if (into.hasArray()) {
                map.get(within, into.array(), into.arrayOffset() + into.position(), n);
                into.position(into.position() + n);
            } else {
                into.put(map.slice(within, n));
            }
            at += n;
            remaining -= n;
        }
    }

    /** Whether the {@code length} bytes at {@code offset} equal {@code value[from..from+length)}, without copying them. */
    boolean equalsAt(long offset, byte[] value, int from, int length, long fileSize) throws IOException {
        if (offset + length > mapped && worthRemapping(fileSize)) {
            remap(fileSize);
        }
        if (offset + length > mapped) {
            ByteBuffer stored = ByteBuffer.allocate(length);
            readDirect(offset, stored, length);
            return java.util.Arrays.equals(stored.array(), 0, length, value, from, from + length);
        }
        long at = offset;
        int compared = 0;
        while (compared < length) {
            int chunk = (int) (at >>> CHUNK_BITS);
            int within = (int) (at & (CHUNK - 1));
            MappedByteBuffer map = chunks[chunk];
            int n = Math.min(length - compared, map.limit() - within);
            if (map.slice(within, n).mismatch(ByteBuffer.wrap(value, from + compared, n)) != -1) {
                return false;
            }
            at += n;
            compared += n;
        }
        return true;
    }

    /**
     * A fixed file is mapped whole at once. A growing one is mapped when nothing is mapped yet,
     * then again each time it grew by as much as is mapped (up to {@link #REMAP_STEP}): a few
     * remaps per file, whatever the write rate.
     */
    private boolean worthRemapping(long fileSize) {
        if (!growing || mapped == 0) {
            return true;
        }
        long growth = fileSize - mapped;
        return growth >= Math.min(REMAP_STEP, Math.max(FIRST_STEP, mapped));
    }

    private void readDirect(long offset, ByteBuffer into, int length) throws IOException {
        int limit = into.limit();
        into.limit(into.position() + length);
        try {
            long at = offset;
            while (into.hasRemaining()) {
                int n = channel.read(into, at);
                if (n < 0) {
                    throw new IOException("read of " + length + " bytes at " + offset + " past the end of the file");
                }
                at += n;
            }
        } finally {
            into.limit(limit);
        }
    }

    private void remap(long fileSize) throws IOException {
        int count = (int) ((fileSize + CHUNK - 1) >>> CHUNK_BITS);
        MappedByteBuffer[] next = Arrays.copyOf(chunks, count);
        for (int i = 0; i < count; i++) {
            long start = (long) i << CHUNK_BITS;
            long size = Math.min(CHUNK, fileSize - start);
            if (i < chunks.length && chunks[i] != null && chunks[i].limit() == size) {
                continue;
            }
            if (i < chunks.length && chunks[i] != null) {
                unmap(chunks[i]);
            }
            next[i] = channel.map(FileChannel.MapMode.READ_ONLY, start, size);
        }
        chunks = next;
        mapped = fileSize;
    }

    @Override
    public void close() {
        for (MappedByteBuffer chunk : chunks) {
            if (chunk != null) {
                unmap(chunk);
            }
        }
        chunks = new MappedByteBuffer[0];
        mapped = 0;
    }

    // ------------------------------------------------------------------ explicit unmapping

    private static final Object UNSAFE;
    private static final Method INVOKE_CLEANER;

    static {
        Object unsafe = null;
        Method cleaner = null;
        try {
            Class<?> type = Class.forName("sun.misc.Unsafe");
            Field field = type.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            unsafe = field.get(null);
            cleaner = type.getMethod("invokeCleaner", ByteBuffer.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LoggerFactory.getLogger(MappedReader.class)
                    .info("maps will be released by the garbage collector ({})", e.toString());
        }
        UNSAFE = unsafe;
        INVOKE_CLEANER = cleaner;
    }

    private static void unmap(MappedByteBuffer buffer) {
        if (INVOKE_CLEANER == null) {
            return;
        }
        try {
            INVOKE_CLEANER.invoke(UNSAFE, buffer);
        } catch (ReflectiveOperationException e) {
            LOG.debug("cannot release a map: {}", e.toString());
        }
    }
}
