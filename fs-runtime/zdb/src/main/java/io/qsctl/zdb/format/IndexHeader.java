package io.qsctl.zdb.format;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** The 29-byte header of an index file {@code i<N>}: magic {@code IDX0}, version 4, times, file id, mode. */
public record IndexHeader(int version, long created, long opened, int fileId, int mode) {

    public static final int SIZE = 29;
    public static final int VERSION = 4;
    private static final int MAGIC = 0x30584449; // "IDX0" little-endian

    public static IndexHeader fresh(int fileId, Mode mode, long nowSeconds) {
        return new IndexHeader(VERSION, nowSeconds, nowSeconds, fileId, mode.code());
    }

    public void writeTo(ByteBuffer out) {
        ByteBuffer le = out.order(ByteOrder.LITTLE_ENDIAN);
        le.putInt(MAGIC).putInt(version).putLong(created).putLong(opened).putInt(fileId).put((byte) mode);
    }

    public byte[] toBytes() {
        ByteBuffer out = ByteBuffer.allocate(SIZE);
        writeTo(out);
        return out.array();
    }

    /** Reads a header, or throws {@link FormatException} naming what is wrong. */
    public static IndexHeader read(ByteBuffer in) {
        ByteBuffer le = in.order(ByteOrder.LITTLE_ENDIAN);
        if (le.remaining() < SIZE) {
            throw new FormatException("index header is " + le.remaining() + " bytes, expected " + SIZE);
        }
        int magic = le.getInt();
        if (magic != MAGIC) {
            throw new FormatException(String.format("not an index file (magic 0x%08x)", magic));
        }
        int version = le.getInt();
        if (version != VERSION) {
            throw new FormatException("unsupported index version " + version + " (this engine reads " + VERSION + ")");
        }
        return new IndexHeader(version, le.getLong(), le.getLong(), le.getInt(), le.get() & 0xFF);
    }
}
