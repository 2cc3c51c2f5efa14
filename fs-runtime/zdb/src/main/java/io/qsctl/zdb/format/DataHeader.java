package io.qsctl.zdb.format;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The 28-byte header of a data file {@code d<N>}: magic {@code DAT0}, version 3, two timestamps
 * that 0-db 2.x writes as zero (so replicas are byte-identical), and the file id.
 */
public record DataHeader(int version, long created, long opened, int fileId) {

    public static final int SIZE = 28;
    public static final int VERSION = 3;
    private static final int MAGIC = 0x30544144; // "DAT0" little-endian

    public static DataHeader of(int fileId) {
        return new DataHeader(VERSION, 0, 0, fileId);
    }

    public void writeTo(ByteBuffer out) {
        out.order(ByteOrder.LITTLE_ENDIAN).putInt(MAGIC).putInt(version).putLong(created).putLong(opened).putInt(fileId);
    }

    public byte[] toBytes() {
        ByteBuffer out = ByteBuffer.allocate(SIZE);
        writeTo(out);
        return out.array();
    }

    public static DataHeader read(ByteBuffer in) {
        ByteBuffer le = in.order(ByteOrder.LITTLE_ENDIAN);
        if (le.remaining() < SIZE) {
            throw new FormatException("data header is " + le.remaining() + " bytes, expected " + SIZE);
        }
        int magic = le.getInt();
        if (magic != MAGIC) {
            throw new FormatException(String.format("not a data file (magic 0x%08x)", magic));
        }
        int version = le.getInt();
        if (version != VERSION) {
            throw new FormatException("unsupported data version " + version + " (this engine reads " + VERSION + ")");
        }
        return new DataHeader(version, le.getLong(), le.getLong(), le.getInt());
    }
}
