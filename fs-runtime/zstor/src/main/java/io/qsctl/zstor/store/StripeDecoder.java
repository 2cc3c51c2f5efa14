package io.qsctl.zstor.store;

import io.qsctl.zstor.compress.ChunkCompressor;
import io.qsctl.zstor.crypto.SegmentCipher;
import io.qsctl.zstor.segment.ChunkEntry;
import io.qsctl.zstor.segment.ChunkHeader;
import io.qsctl.zstor.segment.SegmentLayout;
import io.qsctl.zstor.segment.SegmentRecord;
import io.qsctl.zstor.segment.Stripe;

/**
 * The data shards of one stripe back to plaintext: ciphertext reassembled, every chunk
 * authenticated and decrypted, decompressed where it was compressed. Thread-safe.
 */
final class StripeDecoder {

    private StripeDecoder() {
    }

    /** The plaintext of stripe {@code index}; {@code dataShards} (stored chunks, headers included) must all be present. */
    static byte[] decode(SegmentRecord record, SegmentCipher cipher, int index, byte[][] dataShards) {
        SegmentLayout layout = record.layout();
        Stripe stripe = record.stripes().get(index);
        int shardLength = layout.shardLength(stripe.payloadLength());
        byte[] payload = new byte[stripe.payloadLength()];
        for (int i = 0; i < layout.dataShards(); i++) {
            int from = i * shardLength;
            int count = Math.max(0, Math.min(shardLength, payload.length - from));
            if (count > 0) {
                System.arraycopy(dataShards[i], ChunkHeader.LENGTH, payload, from, count);
            }
        }
        long firstChunk = record.firstChunk(index);
        long chunkTotal = layout.chunkCount(record.plaintextSize());
        int plainLength = 0;
        for (int c = 0; c < stripe.chunks().size(); c++) {
            plainLength += layout.chunkPlainLength(firstChunk + c, record.plaintextSize());
        }
        byte[] plain = new byte[plainLength];
        byte[] scratch = null;
        int in = 0;
        int out = 0;
        for (int c = 0; c < stripe.chunks().size(); c++) {
            ChunkEntry chunk = stripe.chunks().get(c);
            long chunkIndex = firstChunk + c;
            boolean last = chunkIndex == chunkTotal - 1;
            int expected = layout.chunkPlainLength(chunkIndex, record.plaintextSize());
            if (chunk.compressed()) {
                if (scratch == null) {
                    scratch = new byte[layout.cryptoChunkSize()];
                }
                int packed = cipher.decrypt(chunkIndex, last, payload, in, chunk.storedLength(), scratch, 0);
                ChunkCompressor.decompress(scratch, 0, packed, plain, out, expected);
            } else {
                int length = cipher.decrypt(chunkIndex, last, payload, in, chunk.storedLength(), plain, out);
                if (length != expected) {
                    throw new IllegalStateException("chunk " + chunkIndex + " of segment " + record.id() + " holds "
                            + length + " bytes, its place in the segment " + expected);
                }
            }
            in += chunk.storedLength();
            out += expected;
        }
        return plain;
    }
}
