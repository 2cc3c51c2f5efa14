package io.qsctl.zstor.meta;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;

/**
 * The byte layout of a meta shard, the value stored under a metadata key in 0-db (big-endian):
 *
 * <pre>
 * offset size field
 *      0    4 magic "QSMS"
 *      4    1 format version (1)
 *      5    1 flags: bit 0 = tombstone; the other bits are 0
 *      6    1 shard index
 *      7    1 shard count (the number of metadata backends)
 *      8    1 data shard count
 *      9    8 generation (positive)
 *     17    4 payload length: bytes of the sealed record all data shards carry (0 for a tombstone)
 *     21    8 key id of the metadata key (see MetaKeys)
 *     29   16 tag: HMAC-SHA256(MAC key, "qsctl-zstor-meta-shard-v1" | u16 id length | id | bytes 0..28 | body), first 16 bytes
 *     45    n body: n = ceil(payload length / data shard count)
 * </pre>
 *
 * <p>The tag is keyed, so a backend can neither alter a shard, nor forge a newer generation or a
 * tombstone, nor move a shard from one record to another; such shards are rejected here, before
 * any decoding. The checks run in an order that names the most useful defect.
 */
final class MetaShardCodec {

    static final int HEADER_BYTES = 45;
    static final byte VERSION = 1;

    private static final byte[] MAGIC = "QSMS".getBytes(US_ASCII);
    private static final byte[] TAG_DOMAIN = "qsctl-zstor-meta-shard-v1".getBytes(US_ASCII);
    private static final int FLAG_TOMBSTONE = 1;
    private static final int KEY_ID_OFFSET = 21;
    private static final int TAG_OFFSET = 29;
    private static final int TAG_BYTES = 16;

    private final MetaKeys keys;
    private final MetaQuorum quorum;

    MetaShardCodec(MetaKeys keys, MetaQuorum quorum) {
        this.keys = keys;
        this.quorum = quorum;
    }

    byte[] encode(String id, MetaShard shard) {
        if (shard.body().length != MetaShard.bodyLength(shard.payloadLength(), shard.dataCount())) {
            throw new IllegalArgumentException("body of " + shard.body().length + " bytes for " + shard);
        }
        ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + shard.body().length);
        out.put(MAGIC).put(VERSION).put((byte) (shard.tombstone() ? FLAG_TOMBSTONE : 0))
                .put((byte) shard.index()).put((byte) shard.count()).put((byte) shard.dataCount())
                .putLong(shard.generation()).putInt(shard.payloadLength()).put(keys.keyId());
        byte[] bytes = out.array();
        System.arraycopy(shard.body(), 0, bytes, HEADER_BYTES, shard.body().length);
        System.arraycopy(tag(id, bytes), 0, bytes, TAG_OFFSET, TAG_BYTES);
        return bytes;
    }

    /** Reads a stored value: {@link SlotContent.Valid} or {@link SlotContent.Invalid} with the first defect found. */
    SlotContent decode(String id, byte[] bytes) {
        if (bytes.length < HEADER_BYTES) {
            return invalid(bytes.length >= MAGIC.length && !startsWithMagic(bytes)
                    ? ShardDefect.NOT_A_META_SHARD : ShardDefect.TRUNCATED);
        }
        if (!startsWithMagic(bytes)) {
            return invalid(ShardDefect.NOT_A_META_SHARD);
        }
        if (bytes[4] != VERSION) {
            return invalid(ShardDefect.UNSUPPORTED_VERSION);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        int flags = in.get(5) & 0xff;
        int index = in.get(6) & 0xff;
        int count = in.get(7) & 0xff;
        int dataCount = in.get(8) & 0xff;
        long generation = in.getLong(9);
        int payloadLength = in.getInt(17);
        boolean tombstone = (flags & FLAG_TOMBSTONE) != 0;
        if ((flags & ~FLAG_TOMBSTONE) != 0 || count == 0 || dataCount == 0 || dataCount > count || index >= count
                || generation <= 0 || payloadLength < 0 || tombstone != (payloadLength == 0)
                || (!tombstone && payloadLength < RecordCipher.OVERHEAD)) {
            return invalid(ShardDefect.BAD_HEADER);
        }
        int bodyLength = MetaShard.bodyLength(payloadLength, dataCount);
        if (bytes.length != HEADER_BYTES + bodyLength) {
            return invalid(bytes.length < HEADER_BYTES + bodyLength ? ShardDefect.TRUNCATED : ShardDefect.BAD_LENGTH);
        }
        if (!keys.isKeyId(bytes, KEY_ID_OFFSET)) {
            return invalid(ShardDefect.FOREIGN_KEY);
        }
        if (!MessageDigest.isEqual(tag(id, bytes), Arrays.copyOfRange(bytes, TAG_OFFSET, TAG_OFFSET + TAG_BYTES))) {
            return invalid(ShardDefect.BAD_TAG);
        }
        if (count != quorum.backends() || dataCount != quorum.dataShards()) {
            return invalid(ShardDefect.LAYOUT_MISMATCH);
        }
        return new SlotContent.Valid(new MetaShard(index, count, dataCount, generation, tombstone, payloadLength,
                Arrays.copyOfRange(bytes, HEADER_BYTES, bytes.length)));
    }

    private static SlotContent invalid(ShardDefect defect) {
        return new SlotContent.Invalid(defect);
    }

    private static boolean startsWithMagic(byte[] bytes) {
        return Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    /** The tag over everything but the tag field itself, bound to the record id. */
    private byte[] tag(String id, byte[] bytes) {
        Mac mac = keys.macFor(TAG_DOMAIN, id);
        mac.update(bytes, 0, TAG_OFFSET);
        mac.update(bytes, HEADER_BYTES, bytes.length - HEADER_BYTES);
        return Arrays.copyOf(mac.doFinal(), TAG_BYTES);
    }
}
