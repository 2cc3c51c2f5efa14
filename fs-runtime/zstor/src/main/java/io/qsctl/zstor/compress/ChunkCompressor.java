package io.qsctl.zstor.compress;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdException;
import io.qsctl.common.ExitCode;
import io.qsctl.common.QsctlException;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * zstd per chunk, only where it pays.
 *
 * <p>A chunk is kept compressed only if that saves at least 5 % ({@link #MAX_RATIO}); otherwise it
 * is stored raw and its flag in the metadata says so. Zstd is told the output may be at most
 * 95 % of the input, so an incompressible chunk stops as soon as it overflows instead of being
 * compressed in full and thrown away. Chunks larger than {@link #PROBE} are first tried on their
 * first {@value #PROBE} bytes: data that does not compress there (encrypted, already compressed
 * media) costs a sixteenth of a full attempt.
 *
 * <p>Thread-safe; zstd contexts are pooled and freed by {@link #close()}.
 */
public final class ChunkCompressor implements AutoCloseable {

    public static final String ALGORITHM_ID = "zstd";
    public static final String NONE = "none";
    public static final double MAX_RATIO = 0.95;
    static final int PROBE = 16 * 1024;

    private final int level;
    private final ConcurrentLinkedQueue<ZstdCompressCtx> contexts = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    /** @param level zstd level; 0 turns compression off (every chunk is stored raw) */
    public ChunkCompressor(int level) {
        if (level < 0 || level > Zstd.maxCompressionLevel()) {
            throw new IllegalArgumentException("zstd level must be 0 (off) to " + Zstd.maxCompressionLevel() + ", not "
                    + level);
        }
        this.level = level;
    }

    public int level() {
        return level;
    }

    public boolean enabled() {
        return level > 0;
    }

    /**
     * Compresses {@code src[off, off+len)} into {@code dst} at {@code dstOff} (room for {@code len}
     * bytes is enough). Returns the compressed length, or -1 if the chunk is to be stored raw.
     */
    public int compress(byte[] src, int off, int len, byte[] dst, int dstOff) {
        if (level == 0 || len < 64) {
            return -1;
        }
        ZstdCompressCtx context = take();
        try {
            if (len > 2 * PROBE && tryCompress(context, src, off, PROBE, dst, dstOff) < 0) {
                return -1;
            }
            return tryCompress(context, src, off, len, dst, dstOff);
        } finally {
            give(context);
        }
    }

    private static int tryCompress(ZstdCompressCtx context, byte[] src, int off, int len, byte[] dst, int dstOff) {
        int limit = (int) (len * MAX_RATIO);
        try {
            return context.compressByteArray(dst, dstOff, limit, src, off, len);
        } catch (ZstdException e) {
            if (e.getErrorCode() == Zstd.errDstSizeTooSmall()) {
                return -1;
            }
            throw e;
        }
    }

    /**
     * Decompresses a chunk that must come out at exactly {@code expectedLength} bytes.
     *
     * @throws QsctlException if the data is not a zstd frame of that length (it passed
     *     authentication, so this means a bug or a format mismatch, not damage)
     */
    public static void decompress(byte[] src, int off, int len, byte[] dst, int dstOff, int expectedLength) {
        long result;
        try {
            result = Zstd.decompressByteArray(dst, dstOff, expectedLength, src, off, len);
        } catch (ZstdException e) {
            throw new QsctlException(ExitCode.ERROR, "a chunk did not decompress to its recorded size ("
                    + expectedLength + " bytes): " + e.getMessage(), e);
        }
        if (Zstd.isError(result) || result != expectedLength) {
            throw new QsctlException(ExitCode.ERROR, "a chunk did not decompress to its recorded size ("
                    + (Zstd.isError(result) ? Zstd.getErrorName(result) : result + " bytes, expected " + expectedLength)
                    + ")");
        }
    }

    private ZstdCompressCtx take() {
        if (closed) {
            throw new IllegalStateException("the compressor is closed");
        }
        ZstdCompressCtx context = contexts.poll();
        if (context == null) {
            context = new ZstdCompressCtx();
            context.setLevel(level);
            // the chunk length is in the metadata and the chunk is authenticated: no need for zstd's own
            context.setChecksum(false);
        }
        return context;
    }

    private void give(ZstdCompressCtx context) {
        contexts.offer(context);
        if (closed) {
            drain();
        }
    }

    @Override
    public void close() {
        closed = true;
        drain();
    }

    private void drain() {
        ZstdCompressCtx context;
        while ((context = contexts.poll()) != null) {
            context.close();
        }
    }
}
