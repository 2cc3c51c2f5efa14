package io.qsctl.zstor.segment;

import io.qsctl.zstor.crypto.SegmentCipher;

/**
 * How a segment's bytes map onto stripes, chunks and shards. Everything follows from three numbers
 * recorded in the metadata, so a reader never guesses:
 *
 * <ul>
 *   <li>{@code dataShards} M and {@code shardChunkSize} S: a stripe holds at most M x S bytes of
 *       ciphertext, cut into M data shard chunks of equal length; parity adds K more.</li>
 *   <li>{@code cryptoChunkSize} E: the plaintext is cut into chunks of E - 16 bytes, each
 *       compressed (where that pays) and encrypted on its own into at most E bytes. A stripe
 *       holds {@code floor(M x S / E)} chunks, so its ciphertext always fits in M x S and a shard
 *       chunk is never larger than S, whatever compression does.</li>
 * </ul>
 *
 * <p>Chunk {@code c} of the segment (numbered from 0 across stripes) holds plaintext
 * {@code [c x (E - 16), ...)}; only the last chunk is shorter. An empty segment has one chunk of
 * no bytes, so it still has a stripe and an authenticated end.
 */
public record SegmentLayout(int dataShards, int parityShards, int shardChunkSize, int cryptoChunkSize) {

    /** Chunk size for AES-GCM: large enough that the tag is 0.006 % of the data, small enough to stay hot. */
    public static final int DEFAULT_CRYPTO_CHUNK = 256 * 1024;
    public static final int MIN_SHARD_CHUNK = 64 * 1024;
    /** 0-db refuses values over 8 MiB; a stored chunk is this plus its 24-byte header. */
    public static final int MAX_SHARD_CHUNK = 8 * 1024 * 1024 - 4096;

    public SegmentLayout {
        if (dataShards < 1 || parityShards < 0 || dataShards + parityShards > 255) {
            throw new IllegalArgumentException("need 1 to 255 shards with at least one data shard, not " + dataShards
                    + "+" + parityShards);
        }
        if (shardChunkSize < MIN_SHARD_CHUNK || shardChunkSize > MAX_SHARD_CHUNK) {
            throw new IllegalArgumentException("shard chunk size must be 64 KiB to 8 MiB - 4 KiB, not " + shardChunkSize);
        }
        if (cryptoChunkSize <= SegmentCipher.TAG_LENGTH || cryptoChunkSize > (long) dataShards * shardChunkSize) {
            throw new IllegalArgumentException("crypto chunk size " + cryptoChunkSize + " does not fit a stripe of "
                    + dataShards + " x " + shardChunkSize);
        }
    }

    /** The layout new segments get: crypto chunks of 256 KiB (or a whole stripe if that is smaller). */
    public static SegmentLayout of(int dataShards, int parityShards, int shardChunkSize) {
        long stripe = (long) dataShards * shardChunkSize;
        return new SegmentLayout(dataShards, parityShards, shardChunkSize, (int) Math.min(DEFAULT_CRYPTO_CHUNK, stripe));
    }

    public int totalShards() {
        return dataShards + parityShards;
    }

    /** Plaintext bytes in one chunk (all but the last). */
    public int chunkPlainSize() {
        return cryptoChunkSize - SegmentCipher.TAG_LENGTH;
    }

    public int chunksPerStripe() {
        return (int) ((long) dataShards * shardChunkSize / cryptoChunkSize);
    }

    /** Plaintext bytes in one full stripe. */
    public int stripePlainSize() {
        return chunksPerStripe() * chunkPlainSize();
    }

    /** Room for ciphertext in one stripe. */
    public int stripeCapacity() {
        return dataShards * shardChunkSize;
    }

    /** Chunks of a segment of {@code plaintextSize} bytes (at least one). */
    public long chunkCount(long plaintextSize) {
        return Math.max(1, (plaintextSize + chunkPlainSize() - 1) / chunkPlainSize());
    }

    public int stripeCount(long plaintextSize) {
        long chunks = chunkCount(plaintextSize);
        return Math.toIntExact((chunks + chunksPerStripe() - 1) / chunksPerStripe());
    }

    /** Plaintext length of chunk {@code chunk} in a segment of {@code plaintextSize} bytes. */
    public int chunkPlainLength(long chunk, long plaintextSize) {
        long start = chunk * chunkPlainSize();
        return (int) Math.max(0, Math.min(chunkPlainSize(), plaintextSize - start));
    }

    /** Length of each shard chunk of a stripe carrying {@code payloadLength} bytes of ciphertext. */
    public int shardLength(int payloadLength) {
        return Math.max(1, (payloadLength + dataShards - 1) / dataShards);
    }

    /**
     * Bytes each shard's backend stores for a segment of {@code plaintextSize} bytes when nothing
     * compresses (the most it can be: a chunk is kept compressed only when that is smaller): per
     * stripe one shard chunk of {@link ChunkHeader#LENGTH} + ⌈ciphertext / M⌉ bytes, each crypto
     * chunk's ciphertext being its plaintext and a 16-byte tag. This is what 0-db counts against a
     * namespace's size limit ({@code data_size_bytes} counts values only).
     */
    public long storedShardBytes(long plaintextSize) {
        if (plaintextSize < 0) {
            throw new IllegalArgumentException("a size is not negative: " + plaintextSize);
        }
        long chunks = chunkCount(plaintextSize);
        long stripes = (chunks + chunksPerStripe() - 1) / chunksPerStripe();
        long fullStripeShard = ChunkHeader.LENGTH + shardLength(chunksPerStripe() * cryptoChunkSize);
        long lastStripeChunks = chunks - (stripes - 1) * chunksPerStripe();
        long lastChunkPlain = plaintextSize - (chunks - 1) * chunkPlainSize();
        long lastPayload = (lastStripeChunks - 1) * cryptoChunkSize + lastChunkPlain + SegmentCipher.TAG_LENGTH;
        long last = ChunkHeader.LENGTH + shardLength(Math.toIntExact(lastPayload));
        // sizes near 8 EiB would need more than a long can count: as good as infinite
        return stripes - 1 > (Long.MAX_VALUE - last) / fullStripeShard ? Long.MAX_VALUE
                : (stripes - 1) * fullStripeShard + last;
    }

    /**
     * The largest segment whose every shard fits in {@code shardBytes} even when nothing
     * compresses ({@link #storedShardBytes}); -1 when not even an empty one does.
     */
    public long largestWithin(long shardBytes) {
        if (storedShardBytes(0) > shardBytes) {
            return -1;
        }
        // storedShardBytes grows with the size and is at least size / M, so the answer is below M × shardBytes
        long low = 0;
        long high = shardBytes > Long.MAX_VALUE / dataShards / 2 ? Long.MAX_VALUE / 2 : shardBytes * dataShards + 1;
        while (low < high) {
            long mid = low + (high - low + 1) / 2;
            if (storedShardBytes(mid) <= shardBytes) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    /** Bytes in memory for one stripe in flight, at most: plaintext, ciphertext, and all shard chunks. */
    public long stripeMemory() {
        return (long) stripePlainSize() + stripeCapacity() + (long) totalShards() * shardChunkSize;
    }
}
