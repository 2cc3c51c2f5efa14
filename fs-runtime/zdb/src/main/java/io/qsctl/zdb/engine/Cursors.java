package io.qsctl.zdb.engine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The opaque cursors of 0-db. A scan cursor (17 bytes) names an index entry and carries its
 * length and checksum so a forged cursor is refused; a history cursor (8 bytes) is an index file
 * id and an offset.
 */
final class Cursors {

    static final int SCAN_SIZE = 17;
    static final int HISTORY_SIZE = 8;

    private Cursors() {
    }

    record ScanCursor(int keyLength, int fileId, int length, int offset, int crc) {
        byte[] toBytes() {
            return ByteBuffer.allocate(SCAN_SIZE).order(ByteOrder.LITTLE_ENDIAN).put((byte) keyLength).putInt(fileId)
                    .putInt(length).putInt(offset).putInt(crc).array();
        }

        static ScanCursor parse(byte[] bytes) {
            if (bytes.length != SCAN_SIZE) {
                return null;
            }
            ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            return new ScanCursor(in.get() & 0xFF, in.getInt(), in.getInt(), in.getInt(), in.getInt());
        }
    }

    static byte[] history(int fileId, int offset) {
        return ByteBuffer.allocate(HISTORY_SIZE).order(ByteOrder.LITTLE_ENDIAN).putInt(fileId).putInt(offset).array();
    }

    static long parseHistory(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        return Location.of(in.getInt(), in.getInt());
    }
}
