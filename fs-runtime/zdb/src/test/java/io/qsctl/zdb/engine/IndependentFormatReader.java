package io.qsctl.zdb.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A reader of 0-db's files written for the tests from the format description alone
 * (docs/zdb-reference.md section 1), sharing no code with the engine: if the engine and this
 * reader disagree, one of them misreads the format.
 */
final class IndependentFormatReader {

    record IndexFile(String magic, int version, long created, long opened, int fileId, int mode, List<IndexRecord> entries,
                     long trailingBytes) {
    }

    record IndexRecord(long at, byte[] key, long dataOffset, long length, long previous, int flags, long dataId,
                       long timestamp, long crc, long parentId, long parentOffset) {
        boolean deleted() {
            return (flags & 1) != 0;
        }
    }

    record DataFile(String magic, int version, long created, long opened, int fileId, List<DataRecord> entries,
                    long trailingBytes) {
    }

    record DataRecord(long at, byte[] key, long length, long previous, long integrity, int flags, long timestamp,
                      byte[] payload) {
    }

    record Descriptor(int version, String name, String password, long maxSize, int flags) {
    }

    static IndexFile readIndex(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[4];
        b.get(magic);
        int version = b.getInt();
        long created = b.getLong();
        long opened = b.getLong();
        int fileId = b.getInt();
        int mode = b.get() & 0xFF;
        List<IndexRecord> entries = new ArrayList<>();
        while (b.remaining() >= 34) {
            int start = b.position();
            int keyLength = b.get() & 0xFF;
            long dataOffset = b.getInt() & 0xFFFFFFFFL;
            long length = b.getInt() & 0xFFFFFFFFL;
            long previous = b.getInt() & 0xFFFFFFFFL;
            int flags = b.get() & 0xFF;
            long dataId = b.getInt() & 0xFFFFFFFFL;
            long timestamp = b.getInt() & 0xFFFFFFFFL;
            long crc = b.getInt() & 0xFFFFFFFFL;
            long parentId = b.getInt() & 0xFFFFFFFFL;
            long parentOffset = b.getInt() & 0xFFFFFFFFL;
            if (b.remaining() < keyLength) {
                b.position(start);
                break;
            }
            byte[] key = new byte[keyLength];
            b.get(key);
            entries.add(new IndexRecord(start, key, dataOffset, length, previous, flags, dataId, timestamp, crc, parentId,
                    parentOffset));
        }
        return new IndexFile(new String(magic, java.nio.charset.StandardCharsets.US_ASCII), version, created, opened, fileId,
                mode, entries, b.remaining());
    }

    static DataFile readData(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[4];
        b.get(magic);
        int version = b.getInt();
        long created = b.getLong();
        long opened = b.getLong();
        int fileId = b.getInt();
        List<DataRecord> entries = new ArrayList<>();
        while (b.remaining() >= 18) {
            int start = b.position();
            int keyLength = b.get() & 0xFF;
            long length = b.getInt() & 0xFFFFFFFFL;
            long previous = b.getInt() & 0xFFFFFFFFL;
            long integrity = b.getInt() & 0xFFFFFFFFL;
            int flags = b.get() & 0xFF;
            long timestamp = b.getInt() & 0xFFFFFFFFL;
            if (b.remaining() < keyLength + length) {
                b.position(start);
                break;
            }
            byte[] key = new byte[keyLength];
            b.get(key);
            byte[] payload = new byte[(int) length];
            b.get(payload);
            entries.add(new DataRecord(start, key, length, previous, integrity, flags, timestamp, payload));
        }
        return new DataFile(new String(magic, java.nio.charset.StandardCharsets.US_ASCII), version, created, opened, fileId,
                entries, b.remaining());
    }

    static Descriptor readDescriptor(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int version = b.getInt();
        int nameLength = b.get() & 0xFF;
        int passLength = b.get() & 0xFF;
        long maxSize = b.getLong();
        int flags = b.get() & 0xFF;
        byte[] name = new byte[nameLength];
        b.get(name);
        byte[] pass = new byte[passLength];
        b.get(pass);
        return new Descriptor(version, new String(name, java.nio.charset.StandardCharsets.UTF_8),
                new String(pass, java.nio.charset.StandardCharsets.UTF_8), maxSize, flags);
    }

    /** CRC-32C, reflected, started at 0, not inverted: the definition, bit by bit. */
    static long crc(byte[] payload) {
        int crc = 0;
        for (byte value : payload) {
            crc ^= value & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x82F63B78 : crc >>> 1;
            }
        }
        return crc & 0xFFFFFFFFL;
    }
}
