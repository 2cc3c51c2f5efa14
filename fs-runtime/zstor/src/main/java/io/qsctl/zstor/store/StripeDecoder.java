package io.qsctl.zstor.store;

import io.qsctl.zstor.compress.ChunkCompressor;
import io.qsctl.zstor.crypto.SegmentCipher;
import io.qsctl.zstor.segment.ChunkEntry;
import io.qsctl.zstor.segment.ChunkHeader;
import io.qsctl.zstor.segment.SegmentLayout;
import io.qsctl.zstor.segment.SegmentRecord;
import io.qsctl.zstor.segment.Stripe;
import java.util.ArrayList;
import java.util.List;

/**
 * The data shards of one stripe back to plaintext: every chunk gathered from the shards it spans,
 * authenticated and decrypted, decompressed where it was compressed. Returns chunk-sized arrays,
 * for the same reason {@link StripeInput} reads them. Thread-safe.
 */
final class StripeDecoder {

    private StripeDecoder() {
    }

    /** The plaintext chunks of stripe {@code index}; {@code dataShards} (stored chunks, headers included) must all be present. */
    static List<byte[]> decode(SegmentRecord record, SegmentCipher cipher, int index, byte[][] dataShards) {
        SegmentLayout layout = record.layout();
        Stripe stripe = record.stripes().get(index);
        int shardLength = layout.shardLength(stripe.payloadLength());
        long firstChunk = record.firstChunk(index);
        long chunkTotal = layout.chunkCount(record.plaintextSize());
        List<byte[]> plain = new ArrayList<>(stripe.chunks().size());
        byte[] sealed = new byte[layout.cryptoChunkSize()];
        byte[] scratch = null;
        int shard = 0;
        int offset = 0;
        for (int c = 0; c < stripe.chunks().size(); c++) {
            ChunkEntry chunk = stripe.chunks().get(c);
            int done = 0;
            while (done < chunk.storedLength()) {
                int count = Math.min(chunk.storedLength() - done, shardLength - offset);
                System.arraycopy(dataShards[shard], ChunkHeader.LENGTH + offset, sealed, done, count);
                done += count;
                offset += count;
                if (offset == shardLength) {
                    shard++;
                    offset = 0;
                }
            }
            long chunkIndex = firstChunk + c;
            boolean last = chunkIndex == chunkTotal - 1;
            int expected = layout.chunkPlainLength(chunkIndex, record.plaintextSize());
            byte[] out = new byte[expected];
            if (chunk.compressed()) {
                if (scratch == null) {
                    scratch = new byte[layout.cryptoChunkSize()];
                }
                int packed = cipher.decrypt(chunkIndex, last, sealed, 0, chunk.storedLength(), scratch, 0);
                ChunkCompressor.decompress(scratch, 0, packed, out, 0, expected);
            } else {
                if (chunk.storedLength() - SegmentCipher.TAG_LENGTH != expected) {
                    throw new IllegalStateException("chunk " + chunkIndex + " of segment " + record.id() + " holds "
                            + (chunk.storedLength() - SegmentCipher.TAG_LENGTH) + " bytes, its place in the segment "
                            + expected);
                }
                cipher.decrypt(chunkIndex, last, sealed, 0, chunk.storedLength(), out, 0);
            }
            plain.add(out);
        }
        return plain;
    }
}
