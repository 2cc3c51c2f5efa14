package io.qsctl.zdb.engine;

import io.qsctl.zdb.format.IndexEntry;
import io.qsctl.zdb.format.IndexHeader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads index entries forward from a position, through a buffer, for scans and replay. Stops at
 * the end of the file or at an incomplete entry ({@link #next()} returns false; {@link #position()}
 * is then where valid entries end).
 */
final class IndexWalker {

    private static final int BUFFER = 64 * 1024;

    interface Source {
        void read(long offset, ByteBuffer into) throws IOException;
    }

    private final Source source;
    private final long size;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
    private long bufferStart;
    private long position;

    // the current entry
    int keyLength;
    int dataOffset;
    int length;
    int previous;
    int flags;
    int dataId;
    int timestamp;
    int crc;
    int parentId;
    int parentOffset;
    long entryOffset;
    final byte[] key = new byte[255];

    IndexWalker(Source source, long size, long from) {
        this.source = source;
        this.size = size;
        this.position = Math.max(from, IndexHeader.SIZE);
        this.bufferStart = position;
        buffer.limit(0);
    }

    long position() {
        return position;
    }

    boolean next() throws IOException {
        if (!ensure(IndexEntry.FIXED_SIZE)) {
            return false;
        }
        int at = (int) (position - bufferStart);
        int keyLen = buffer.get(at) & 0xFF;
        if (!ensure(IndexEntry.FIXED_SIZE + keyLen)) {
            return false;
        }
        at = (int) (position - bufferStart);
        keyLength = keyLen;
        dataOffset = buffer.getInt(at + 1);
        length = buffer.getInt(at + 5);
        previous = buffer.getInt(at + 9);
        flags = buffer.get(at + 13) & 0xFF;
        dataId = buffer.getInt(at + 14);
        timestamp = buffer.getInt(at + 18);
        crc = buffer.getInt(at + 22);
        parentId = buffer.getInt(at + 26);
        parentOffset = buffer.getInt(at + 30);
        buffer.get(at + IndexEntry.FIXED_SIZE, key, 0, keyLen);
        entryOffset = position;
        position += IndexEntry.FIXED_SIZE + keyLen;
        return true;
    }

    boolean deleted() {
        return (flags & IndexEntry.FLAG_DELETED) != 0;
    }

    byte[] keyCopy() {
        return java.util.Arrays.copyOf(key, keyLength);
    }

    /** Makes sure {@code bytes} bytes from {@link #position} are buffered; false at end of file. */
    private boolean ensure(int bytes) throws IOException {
        if (position + bytes > size) {
            return false;
        }
        long bufferEnd = bufferStart + buffer.limit();
        if (position + bytes <= bufferEnd) {
            return true;
        }
        bufferStart = position;
        buffer.clear();
        int wanted = (int) Math.min(BUFFER, size - position);
        buffer.limit(wanted);
        source.read(position, buffer);
        buffer.flip();
        return position + bytes <= bufferStart + buffer.limit();
    }
}
