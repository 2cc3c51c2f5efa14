package io.qsctl.zstor.store;

import io.qsctl.zstor.codec.ReedSolomon;
import io.qsctl.zstor.compress.ChunkCompressor;
import io.qsctl.zstor.crypto.SegmentCipher;
import io.qsctl.zstor.segment.ChunkEntry;
import io.qsctl.zstor.segment.ChunkHeader;
import io.qsctl.zstor.segment.SegmentId;
import io.qsctl.zstor.segment.SegmentLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * Plaintext of one stripe to shard chunks: each chunk compressed where that pays, encrypted,
 * laid end to end, cut into M equal data shards (the last one padded with zeros) and completed
 * with K parity shards. Each shard chunk is stored behind its {@link ChunkHeader}. Stateless apart
 * from its collaborators; thread-safe.
 */
public final class StripeEncoder {

    private final SegmentLayout layout;
    private final ChunkCompressor compressor;
    private final ReedSolomon codec;

    public StripeEncoder(SegmentLayout layout, ChunkCompressor compressor, ReedSolomon codec) {
        this.layout = layout;
        this.compressor = compressor;
        this.codec = codec;
    }

    /**
     * @param chunks     the stripe's plaintext chunks: all of {@link SegmentLayout#chunkPlainSize()}
     *                   bytes but the segment's last; {@link SegmentLayout#chunksPerStripe()} of them
     *                   except in the last stripe
     * @param lastStripe whether this is the segment's last stripe (its last chunk is flagged final)
     */
    public EncodedStripe encode(SegmentId id, SegmentCipher cipher, int stripe, List<byte[]> chunks, boolean lastStripe) {
        if (chunks.isEmpty() || chunks.size() > layout.chunksPerStripe()
                || !lastStripe && chunks.size() != layout.chunksPerStripe()) {
            throw new IllegalArgumentException(chunks.size() + " chunks in " + (lastStripe ? "the last" : "a") + " stripe");
        }
        long firstChunk = (long) stripe * layout.chunksPerStripe();
        byte[] compressed = compressor.enabled() ? new byte[layout.chunkPlainSize()] : null;
        List<ChunkEntry> entries = new ArrayList<>(chunks.size());
        List<byte[]> sealed = new ArrayList<>(chunks.size());
        int payloadLength = 0;
        for (int c = 0; c < chunks.size(); c++) {
            byte[] plain = chunks.get(c);
            if (plain.length != layout.chunkPlainSize() && !(lastStripe && c == chunks.size() - 1)) {
                throw new IllegalArgumentException("only the segment's last chunk may be short");
            }
            boolean last = lastStripe && c == chunks.size() - 1;
            int packed = compressed == null ? -1 : compressor.compress(plain, 0, plain.length, compressed, 0);
            byte[] out = new byte[(packed >= 0 ? packed : plain.length) + SegmentCipher.TAG_LENGTH];
            if (packed >= 0) {
                cipher.encrypt(firstChunk + c, last, compressed, 0, packed, out, 0);
            } else {
                cipher.encrypt(firstChunk + c, last, plain, 0, plain.length, out, 0);
            }
            entries.add(new ChunkEntry(out.length, packed >= 0));
            sealed.add(out);
            payloadLength += out.length;
        }
        return new EncodedStripe(stripe, payloadLength, entries, shard(id, stripe, sealed, payloadLength));
    }

    /** Lays the sealed chunks across the data shards behind their headers and computes the parity. */
    private byte[][] shard(SegmentId id, int stripe, List<byte[]> sealed, int payloadLength) {
        int shardLength = layout.shardLength(payloadLength);
        byte[][] shards = new byte[layout.totalShards()][ChunkHeader.LENGTH + shardLength];
        int shard = 0;
        int offset = 0;
        for (byte[] chunk : sealed) {
            int done = 0;
            while (done < chunk.length) {
                int count = Math.min(chunk.length - done, shardLength - offset);
                System.arraycopy(chunk, done, shards[shard], ChunkHeader.LENGTH + offset, count);
                done += count;
                offset += count;
                if (offset == shardLength) {
                    shard++;
                    offset = 0;
                }
            }
        }
        codec.encode(shards, ChunkHeader.LENGTH, shardLength);
        for (int i = 0; i < shards.length; i++) {
            ChunkHeader.write(shards[i], id, stripe, i);
        }
        return shards;
    }
}
