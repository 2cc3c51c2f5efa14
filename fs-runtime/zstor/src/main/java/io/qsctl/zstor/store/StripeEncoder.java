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
     * @param plain      the stripe's plaintext in {@code [0, length)}
     * @param lastStripe whether this is the segment's last stripe (its last chunk is flagged final)
     */
    EncodedStripe encode(SegmentId id, SegmentCipher cipher, int stripe, byte[] plain, int length, boolean lastStripe) {
        int chunkPlain = layout.chunkPlainSize();
        int chunkCount = lastStripe ? Math.max(1, (length + chunkPlain - 1) / chunkPlain) : layout.chunksPerStripe();
        if (!lastStripe && length != layout.stripePlainSize()) {
            throw new IllegalArgumentException("only the last stripe may be short");
        }
        long firstChunk = (long) stripe * layout.chunksPerStripe();
        byte[] payload = new byte[chunkCount * layout.cryptoChunkSize()];
        byte[] compressed = compressor.enabled() ? new byte[chunkPlain] : null;
        List<ChunkEntry> chunks = new ArrayList<>(chunkCount);
        int position = 0;
        for (int c = 0; c < chunkCount; c++) {
            int offset = c * chunkPlain;
            int plainLength = Math.min(chunkPlain, length - offset);
            boolean last = lastStripe && c == chunkCount - 1;
            int packed = compressed == null ? -1 : compressor.compress(plain, offset, plainLength, compressed, 0);
            int written = packed >= 0
                    ? cipher.encrypt(firstChunk + c, last, compressed, 0, packed, payload, position)
                    : cipher.encrypt(firstChunk + c, last, plain, offset, plainLength, payload, position);
            chunks.add(new ChunkEntry(written, packed >= 0));
            position += written;
        }
        return new EncodedStripe(stripe, position, chunks, shard(id, stripe, payload, position));
    }

    /** Cuts the ciphertext into data shards behind their headers and computes the parity. */
    byte[][] shard(SegmentId id, int stripe, byte[] payload, int payloadLength) {
        int shardLength = layout.shardLength(payloadLength);
        byte[][] shards = new byte[layout.totalShards()][ChunkHeader.LENGTH + shardLength];
        for (int i = 0; i < layout.dataShards(); i++) {
            int from = i * shardLength;
            int count = Math.max(0, Math.min(shardLength, payloadLength - from));
            if (count > 0) {
                System.arraycopy(payload, from, shards[i], ChunkHeader.LENGTH, count);
            }
        }
        codec.encode(shards, ChunkHeader.LENGTH, shardLength);
        for (int i = 0; i < shards.length; i++) {
            ChunkHeader.write(shards[i], id, stripe, i);
        }
        return shards;
    }
}
