package io.qsctl.zdb.format;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The checksum 0-db stores with every entry: CRC32C (Castagnoli) started from 0 and not inverted
 * at the end, which is not the standard CRC32C (started from and inverted with 0xFFFFFFFF).
 *
 * <p>We still compute it with the JDK's {@link CRC32C}, which runs on the CPU's CRC instructions,
 * and correct the result: a CRC is affine in its initial value, so the difference between the two
 * variants is the standard CRC of as many zero bytes, which depends only on the length. That
 * correction is found with 32x32 GF(2) matrices for each power of two of the length, which takes
 * at most a few hundred word operations, and is cached for the last length seen.
 */
public final class ZdbCrc32c {

    /** The reflected Castagnoli polynomial. */
    private static final int POLYNOMIAL = 0x82F63B78;
    /** ZERO_BYTES[k] advances a CRC register over 2^k zero bytes. */
    private static final int[][] ZERO_BYTES = new int[40][];

    static {
        int[] oneZeroBit = new int[32];
        oneZeroBit[0] = POLYNOMIAL;
        for (int i = 1; i < 32; i++) {
            oneZeroBit[i] = 1 << (i - 1);
        }
        int[] twoBits = square(oneZeroBit);
        int[] fourBits = square(twoBits);
        ZERO_BYTES[0] = square(fourBits); // eight zero bits: one byte
        for (int k = 1; k < ZERO_BYTES.length; k++) {
            ZERO_BYTES[k] = square(ZERO_BYTES[k - 1]);
        }
    }

    private static final ThreadLocal<CRC32C> CRC = ThreadLocal.withInitial(CRC32C::new);
    private static volatile long cachedCorrection = -1; // length << 32 | correction, -1 when empty

    private ZdbCrc32c() {
    }

    public static int of(byte[] bytes) {
        return of(bytes, 0, bytes.length);
    }

    public static int of(byte[] bytes, int offset, int length) {
        CRC32C crc = CRC.get();
        crc.reset();
        crc.update(bytes, offset, length);
        return (int) crc.getValue() ^ standardOfZeros(length);
    }

    /** The checksum of the buffer's remaining bytes; the buffer's position is left unchanged. */
    public static int of(ByteBuffer bytes) {
        CRC32C crc = CRC.get();
        crc.reset();
        int length = bytes.remaining();
        crc.update(bytes.duplicate());
        return (int) crc.getValue() ^ standardOfZeros(length);
    }

    /** The standard CRC32C of {@code length} zero bytes. */
    static int standardOfZeros(long length) {
        long cached = cachedCorrection;
        if (cached != -1 && (cached >>> 32) == length) {
            return (int) cached;
        }
        // standard = advance(0xFFFFFFFF over the zeros) ^ 0xFFFFFFFF
        int register = 0xFFFFFFFF;
        long remaining = length;
        for (int k = 0; remaining != 0; k++, remaining >>>= 1) {
            if ((remaining & 1) != 0) {
                register = times(ZERO_BYTES[k], register);
            }
        }
        int correction = register ^ 0xFFFFFFFF;
        if (length <= 0xFFFF_FFFFL) {
            cachedCorrection = (length << 32) | (correction & 0xFFFF_FFFFL);
        }
        return correction;
    }

    private static int times(int[] matrix, int vector) {
        int result = 0;
        for (int i = 0; vector != 0; i++, vector >>>= 1) {
            if ((vector & 1) != 0) {
                result ^= matrix[i];
            }
        }
        return result;
    }

    private static int[] square(int[] matrix) {
        int[] out = new int[32];
        for (int i = 0; i < 32; i++) {
            out[i] = times(matrix, matrix[i]);
        }
        return out;
    }
}
