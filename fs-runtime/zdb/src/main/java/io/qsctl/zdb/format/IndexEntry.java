package io.qsctl.zdb.format;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One entry of an index file: 34 bytes of fields, then the key. {@code dataOffset} is where the
 * data entry's header starts in {@code d<dataId>}; {@code previous} is the offset of the entry
 * appended before this one; {@code parentId}/{@code parentOffset} locate the index entry of the
 * key's previous version (0/0 when there is none).
 */
public record IndexEntry(byte[] key, int dataOffset, int length, int previous, int flags, int dataId,
                         int timestamp, int crc, int parentId, int parentOffset) {

    public static final int FIXED_SIZE = 34;
    public static final int FLAG_DELETED = 1;
    /** Offset of the flags byte inside an entry. */
    public static final int FLAGS_OFFSET = 13;

    public int size() {
        return FIXED_SIZE + key.length;
    }

    public boolean deleted() {
        return (flags & FLAG_DELETED) != 0;
    }

    public IndexEntry withFlags(int newFlags) {
        return new IndexEntry(key, dataOffset, length, previous, newFlags, dataId, timestamp, crc, parentId, parentOffset);
    }

    public void writeTo(ByteBuffer out) {
        ByteBuffer le = out.order(ByteOrder.LITTLE_ENDIAN);
        le.put((byte) key.length).putInt(dataOffset).putInt(length).putInt(previous).put((byte) flags)
                .putInt(dataId).putInt(timestamp).putInt(crc).putInt(parentId).putInt(parentOffset).put(key);
    }

    public byte[] toBytes() {
        ByteBuffer out = ByteBuffer.allocate(size());
        writeTo(out);
        return out.array();
    }

    /** The key length of the entry starting at the buffer's position, without consuming it. */
    public static int keyLengthAt(ByteBuffer in) {
        return in.get(in.position()) & 0xFF;
    }

    /** Reads an entry; the buffer must hold all of it (check with {@link #keyLengthAt}). */
    public static IndexEntry read(ByteBuffer in) {
        ByteBuffer le = in.order(ByteOrder.LITTLE_ENDIAN);
        int idLength = le.get() & 0xFF;
        int offset = le.getInt();
        int length = le.getInt();
        int previous = le.getInt();
        int flags = le.get() & 0xFF;
        int dataId = le.getInt();
        int timestamp = le.getInt();
        int crc = le.getInt();
        int parentId = le.getInt();
        int parentOffset = le.getInt();
        byte[] key = new byte[idLength];
        le.get(key);
        return new IndexEntry(key, offset, length, previous, flags, dataId, timestamp, crc, parentId, parentOffset);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IndexEntry e && Arrays.equals(key, e.key) && dataOffset == e.dataOffset
                && length == e.length && previous == e.previous && flags == e.flags && dataId == e.dataId
                && timestamp == e.timestamp && crc == e.crc && parentId == e.parentId
                && parentOffset == e.parentOffset;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key) * 31 + dataOffset;
    }

    @Override
    public String toString() {
        return "IndexEntry[key=" + Arrays.toString(key) + ", data=" + dataId + ":" + dataOffset + ", length=" + length
                + ", previous=" + previous + ", flags=" + flags + ", time=" + timestamp
                + ", crc=" + Integer.toHexString(crc) + ", parent=" + parentId + ":" + parentOffset + "]";
    }
}
