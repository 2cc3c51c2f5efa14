package io.qsctl.zstor.segment;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * The binary form of a {@link SegmentRecord}, version {@value #VERSION}.
 *
 * <pre>
 * magic "QZSR" | version u8 | segment id 16 | data shards u8 | parity shards u8
 * | shard chunk size u32 | crypto chunk size u32
 * | matrix id str | cipher str | compression str | checksum algorithm str | chunk checksum algorithm str
 * | key mode u8 | created millis i64 | plaintext size i64 | checksum (u8 length, bytes)
 * | backend names: varint count, str each
 * | varint stripe count, per stripe:
 *     varint payload length | varint chunk count | per chunk varint (stored length &lt;&lt; 1 | compressed)
 *     | per shard: state u8 | varint backend index | key (u8 length, bytes) | checksum (16 bytes)
 * | CRC32C of everything before it, u32
 * </pre>
 *
 * Strings are a varint length and UTF-8. All integers are big-endian. The CRC catches damage to a
 * record before anything in it is trusted; the repository around it (encrypted with the metadata
 * key) also authenticates it. A record with another version is refused, never half-read.
 */
public final class SegmentRecordCodec {

    public static final int VERSION = 1;
    private static final byte[] MAGIC = {'Q', 'Z', 'S', 'R'};
    private static final int CHUNK_CHECKSUM_LENGTH = 16;

    private SegmentRecordCodec() {
    }

    public static byte[] encode(SegmentRecord record) {
        Out out = new Out();
        out.bytes(MAGIC);
        out.u8(VERSION);
        out.bytes(record.id().bytes());
        SegmentLayout layout = record.layout();
        out.u8(layout.dataShards());
        out.u8(layout.parityShards());
        out.i32(layout.shardChunkSize());
        out.i32(layout.cryptoChunkSize());
        out.str(record.matrixId());
        out.str(record.cipher());
        out.str(record.compression());
        out.str(record.checksumAlgorithm());
        out.str(record.chunkChecksumAlgorithm());
        out.u8(record.keyMode().ordinal());
        out.i64(record.createdMillis());
        out.i64(record.plaintextSize());
        out.shortBytes(record.checksum());

        Map<String, Integer> backendIndex = new LinkedHashMap<>();
        for (String name : record.backends()) {
            backendIndex.put(name, backendIndex.size());
        }
        out.varint(backendIndex.size());
        backendIndex.keySet().forEach(out::str);

        out.varint(record.stripes().size());
        for (Stripe stripe : record.stripes()) {
            out.varint(stripe.payloadLength());
            out.varint(stripe.chunks().size());
            for (ChunkEntry chunk : stripe.chunks()) {
                out.varint(((long) chunk.storedLength() << 1) | (chunk.compressed() ? 1 : 0));
            }
            for (ShardChunk shard : stripe.shards()) {
                out.u8(shard.state().ordinal());
                out.varint(backendIndex.get(shard.backend()));
                out.shortBytes(shard.key());
                if (shard.checksum().length != CHUNK_CHECKSUM_LENGTH) {
                    throw new IllegalArgumentException("a chunk checksum has 16 bytes, not " + shard.checksum().length);
                }
                out.bytes(shard.checksum());
            }
        }
        CRC32C crc = new CRC32C();
        crc.update(out.buffer(), 0, out.size());
        out.i32((int) crc.getValue());
        return out.toByteArray();
    }

    /**
     * Reads a record.
     *
     * @param expectedId the id the record was stored under, to refuse a record filed under the wrong
     *     name; null to accept any
     * @throws MetadataFormatException if it is damaged, truncated, of another version, or for another segment
     */
    public static SegmentRecord decode(byte[] bytes, SegmentId expectedId) {
        String what = expectedId == null ? "a metadata record" : "the metadata record of segment " + expectedId;
        if (bytes.length < MAGIC.length + 1 + 4) {
            throw new MetadataFormatException(what + " is truncated (" + bytes.length + " bytes)");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                throw new MetadataFormatException(what + " is not a segment record (bad magic)");
            }
        }
        int version = bytes[MAGIC.length] & 0xFF;
        if (version != VERSION) {
            throw new MetadataFormatException(what + " has format version " + version + "; this qsctl reads version "
                    + VERSION + (version > VERSION ? " (written by a newer qsctl: upgrade)" : ""));
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        int stored = ByteBuffer.wrap(bytes, bytes.length - 4, 4).getInt();
        if ((int) crc.getValue() != stored) {
            throw new MetadataFormatException(what + " is damaged (checksum mismatch)");
        }
        try {
            SegmentRecord record = read(ByteBuffer.wrap(bytes, MAGIC.length + 1, bytes.length - MAGIC.length - 1 - 4));
            if (expectedId != null && !record.id().equals(expectedId)) {
                throw new MetadataFormatException(what + " describes segment " + record.id());
            }
            return record;
        } catch (BufferUnderflowException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new MetadataFormatException(what + " is malformed: " + e.getMessage(), e);
        }
    }

    private static SegmentRecord read(ByteBuffer in) {
        byte[] id = new byte[SegmentId.LENGTH];
        in.get(id);
        int data = in.get() & 0xFF;
        int parity = in.get() & 0xFF;
        SegmentLayout layout = new SegmentLayout(data, parity, in.getInt(), in.getInt());
        String matrixId = str(in);
        String cipher = str(in);
        String compression = str(in);
        String checksumAlgorithm = str(in);
        String chunkChecksumAlgorithm = str(in);
        int modeOrdinal = in.get() & 0xFF;
        if (modeOrdinal >= KeyMode.values().length) {
            throw new IllegalArgumentException("unknown key mode " + modeOrdinal);
        }
        KeyMode keyMode = KeyMode.values()[modeOrdinal];
        long created = in.getLong();
        long size = in.getLong();
        if (size < 0) {
            throw new IllegalArgumentException("negative size");
        }
        byte[] checksum = shortBytes(in);
        int backendCount = varintInt(in);
        List<String> backends = new ArrayList<>(Math.min(backendCount, 4096));
        Map<String, Boolean> seen = new HashMap<>();
        for (int i = 0; i < backendCount; i++) {
            String name = str(in);
            if (seen.put(name, true) != null) {
                throw new IllegalArgumentException("backend " + name + " listed twice");
            }
            backends.add(name);
        }
        int stripeCount = varintInt(in);
        if (stripeCount != layout.stripeCount(size)) {
            throw new IllegalArgumentException(stripeCount + " stripes for " + size + " bytes");
        }
        List<Stripe> stripes = new ArrayList<>(stripeCount);
        ShardState[] states = ShardState.values();
        for (int s = 0; s < stripeCount; s++) {
            int payload = varintInt(in);
            int chunkCount = varintInt(in);
            if (chunkCount < 1 || chunkCount > layout.chunksPerStripe()) {
                throw new IllegalArgumentException(chunkCount + " chunks in a stripe");
            }
            List<ChunkEntry> chunks = new ArrayList<>(chunkCount);
            for (int c = 0; c < chunkCount; c++) {
                long value = varint(in);
                chunks.add(new ChunkEntry(Math.toIntExact(value >>> 1), (value & 1) != 0));
            }
            List<ShardChunk> shards = new ArrayList<>(layout.totalShards());
            for (int i = 0; i < layout.totalShards(); i++) {
                int state = in.get() & 0xFF;
                if (state >= states.length) {
                    throw new IllegalArgumentException("unknown shard state " + state);
                }
                String backend = backends.get(varintInt(in));
                byte[] key = shortBytes(in);
                byte[] sum = new byte[CHUNK_CHECKSUM_LENGTH];
                in.get(sum);
                shards.add(new ShardChunk(backend, states[state], key, sum));
            }
            stripes.add(new Stripe(payload, chunks, shards));
        }
        if (in.hasRemaining()) {
            throw new IllegalArgumentException(in.remaining() + " unexpected bytes at the end");
        }
        return new SegmentRecord(SegmentId.of(id), layout, matrixId, cipher, compression, checksumAlgorithm, size,
                checksum, chunkChecksumAlgorithm, keyMode, created, stripes);
    }

    private static String str(ByteBuffer in) {
        int length = varintInt(in);
        if (length > 1024) {
            throw new IllegalArgumentException("a string of " + length + " bytes");
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] shortBytes(ByteBuffer in) {
        byte[] bytes = new byte[in.get() & 0xFF];
        in.get(bytes);
        return bytes;
    }

    private static int varintInt(ByteBuffer in) {
        return Math.toIntExact(varint(in));
    }

    private static long varint(ByteBuffer in) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = in.get();
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("varint too long");
    }

    /** A growable buffer with the writers the format needs. */
    private static final class Out extends ByteArrayOutputStream {

        Out() {
            super(4096);
        }

        byte[] buffer() {
            return buf;
        }

        void bytes(byte[] value) {
            write(value, 0, value.length);
        }

        void u8(int value) {
            if (value < 0 || value > 255) {
                throw new IllegalArgumentException("not a byte: " + value);
            }
            write(value);
        }

        void i32(int value) {
            write(value >>> 24);
            write(value >>> 16);
            write(value >>> 8);
            write(value);
        }

        void i64(long value) {
            i32((int) (value >>> 32));
            i32((int) value);
        }

        void varint(long value) {
            long v = value;
            while ((v & ~0x7FL) != 0) {
                write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            write((int) v);
        }

        void str(String value) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            varint(bytes.length);
            bytes(bytes);
        }

        void shortBytes(byte[] value) {
            u8(value.length);
            bytes(value);
        }
    }
}
