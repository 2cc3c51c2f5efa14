package io.qsctl.zstor.it;

import io.qsctl.zstor.crypto.Checksums;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Streams of test data made on the fly (so 1 GiB costs no memory), and a sink that only hashes. */
public final class TestData {

    private TestData() {
    }

    /**
     * {@code size} bytes from {@code seed}: random, or (compressible) random letters of a 16-letter
     * alphabet, which zstd halves.
     */
    public static InputStream stream(long size, long seed, boolean compressible) {
        return new Generated(size, seed, compressible);
    }

    /** SHA-256 of what {@link #stream} gives. */
    public static String sha256(long size, long seed, boolean compressible) {
        Sink sink = new Sink();
        try (InputStream in = stream(size, seed, compressible)) {
            in.transferTo(sink);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return sink.sha256();
    }

    /** An output stream that keeps only the count and the SHA-256 of what it was given. */
    public static final class Sink extends OutputStream {
        private final MessageDigest digest = Checksums.sha256();
        private long count;

        @Override
        public void write(int b) {
            digest.update((byte) b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            digest.update(b, off, len);
            count += len;
        }

        public long count() {
            return count;
        }

        public String sha256() {
            return HexFormat.of().formatHex(digest.digest());
        }
    }

    private static final class Generated extends InputStream {
        private static final int BLOCK = 64 * 1024;
        private final long size;
        private final boolean compressible;
        private final byte[] block = new byte[BLOCK];
        private final ByteBuffer longs = ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN);
        private long state;
        private long position;
        private int blockPosition = BLOCK;

        Generated(long size, long seed, boolean compressible) {
            this.size = size;
            this.compressible = compressible;
            this.state = seed * 0x9E3779B97F4A7C15L + 1;
        }

        private long next() {
            // xorshift64*: fast and good enough for test data
            state ^= state >>> 12;
            state ^= state << 25;
            state ^= state >>> 27;
            return state * 0x2545F4914F6CDD1DL;
        }

        private void refill() {
            longs.clear();
            if (compressible) {
                for (int i = 0; i < BLOCK; i += 16) {
                    long r = next();
                    for (int j = 0; j < 16; j++) {
                        block[i + j] = (byte) ('a' + ((r >>> (4 * j)) & 0xF));
                    }
                }
            } else {
                for (int i = 0; i < BLOCK; i += 8) {
                    longs.putLong(i, next());
                }
            }
            blockPosition = 0;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= size) {
                return -1;
            }
            int done = 0;
            while (done < len && position < size) {
                if (blockPosition == BLOCK) {
                    refill();
                }
                int n = (int) Math.min(Math.min(len - done, BLOCK - blockPosition), size - position);
                System.arraycopy(block, blockPosition, b, off + done, n);
                blockPosition += n;
                position += n;
                done += n;
            }
            return done;
        }
    }
}
