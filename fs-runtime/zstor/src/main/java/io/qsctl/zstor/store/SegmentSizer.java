package io.qsctl.zstor.store;

import io.qsctl.zstor.compress.ChunkCompressor;
import io.qsctl.zstor.crypto.SegmentCipher;
import io.qsctl.zstor.segment.ChunkHeader;
import io.qsctl.zstor.segment.SegmentLayout;
import java.io.IOException;
import java.io.InputStream;

/**
 * What storing a stream would put on each of its backends, exactly: the stream is cut and
 * compressed chunk by chunk as {@link StripeEncoder} does (so each chunk's stored length is
 * known), but nothing is encrypted (a tag adds the same 16 bytes to every chunk), coded or sent.
 * For data whose uncompressed size would not fit: compression may make it fit, and this tells,
 * before anything is uploaded.
 */
public final class SegmentSizer {

    /**
     * Whether it fits in {@code roomPerBackend}, and the bytes per backend counted when that
     * became certain: all of them when it fits, more than the room when it does not.
     */
    public record Sizing(boolean fits, long perBackend) {
    }

    private final SegmentLayout layout;
    private final ChunkCompressor compressor;

    public SegmentSizer(SegmentLayout layout, ChunkCompressor compressor) {
        this.layout = layout;
        this.compressor = compressor;
    }

    /**
     * Reads {@code in} as far as needed: it stops as soon as the stripes counted so far exceed
     * {@code roomPerBackend}, or, when {@code size} (the stream's length, or -1 when unknown) says
     * the rest would fit even uncompressed.
     */
    public Sizing measure(InputStream in, long size, long roomPerBackend) throws IOException {
        StripeInput stripes = new StripeInput(in, layout.chunkPlainSize());
        byte[] compressed = compressor.enabled() ? new byte[layout.chunkPlainSize()] : null;
        long counted = 0;
        long read = 0;
        while (true) {
            StripeInput.PlainStripe stripe = stripes.next(layout.chunksPerStripe());
            long payload = 0;
            for (byte[] plain : stripe.chunks()) {
                int packed = compressed == null ? -1 : compressor.compress(plain, 0, plain.length, compressed, 0);
                payload += (packed >= 0 ? packed : plain.length) + SegmentCipher.TAG_LENGTH;
            }
            read += stripe.length();
            counted += ChunkHeader.LENGTH + layout.shardLength(Math.toIntExact(payload));
            if (counted > roomPerBackend) {
                return new Sizing(false, counted);
            }
            if (stripe.last()) {
                return new Sizing(true, counted);
            }
            // the rest starts on a stripe boundary: uncompressed, it takes exactly storedShardBytes(rest)
            if (size >= 0 && size > read && counted + layout.storedShardBytes(size - read) <= roomPerBackend) {
                return new Sizing(true, counted + layout.storedShardBytes(size - read));
            }
        }
    }
}
