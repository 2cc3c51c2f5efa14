package io.qsctl.zdb.format;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The 18-byte header before each data entry; the key ({@code keyLength} bytes) and the payload
 * ({@code length} bytes) follow it. {@code integrity} is the payload's {@link ZdbCrc32c}; a delete
 * marker has no payload, integrity 0 and flag DELETED.
 */
public record DataEntryHeader(int keyLength, int length, int previous, int integrity, int flags, int timestamp) {

    public static final int SIZE = 18;
    public static final int FLAG_DELETED = 1;
    public static final int FLAG_TRUNCATED = 2;

    public boolean deleted() {
        return (flags & FLAG_DELETED) != 0;
    }

    /** Header, key and payload. */
    public long entrySize() {
        return SIZE + keyLength + (length & 0xFFFF_FFFFL);
    }

    public void writeTo(ByteBuffer out) {
        out.order(ByteOrder.LITTLE_ENDIAN).put((byte) keyLength).putInt(length).putInt(previous).putInt(integrity)
                .put((byte) flags).putInt(timestamp);
    }

    public static DataEntryHeader read(ByteBuffer in) {
        ByteBuffer le = in.order(ByteOrder.LITTLE_ENDIAN);
        return new DataEntryHeader(le.get() & 0xFF, le.getInt(), le.getInt(), le.getInt(), le.get() & 0xFF, le.getInt());
    }
}
