package io.qsctl.zstor.segment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything needed to read a segment back, and nothing secret: the data key and backend
 * passwords are not in it (the reference zstor stored both in every record). The segment key is
 * derived again from the data key and the id.
 *
 * @param id                     the segment
 * @param layout                 codec parameters and chunk sizes
 * @param matrixId               the Reed-Solomon matrix ({@link io.qsctl.zstor.codec.ReedSolomon#MATRIX_ID})
 * @param cipher                 {@link io.qsctl.zstor.crypto.SegmentCipher#ALGORITHM_ID}
 * @param compression            {@code zstd} or {@code none}
 * @param checksumAlgorithm      algorithm of {@code checksum}
 * @param plaintextSize          bytes stored
 * @param checksum               checksum of the whole plaintext
 * @param chunkChecksumAlgorithm algorithm of each shard chunk's checksum
 * @param keyMode                how chunks are keyed in their namespaces
 * @param createdMillis          when the segment was stored
 * @param stripes                in order
 */
public record SegmentRecord(SegmentId id, SegmentLayout layout, String matrixId, String cipher, String compression,
        String checksumAlgorithm, long plaintextSize, byte[] checksum, String chunkChecksumAlgorithm, KeyMode keyMode,
        long createdMillis, List<Stripe> stripes) {

    public SegmentRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(matrixId, "matrixId");
        Objects.requireNonNull(cipher, "cipher");
        Objects.requireNonNull(compression, "compression");
        Objects.requireNonNull(checksumAlgorithm, "checksumAlgorithm");
        Objects.requireNonNull(checksum, "checksum");
        Objects.requireNonNull(chunkChecksumAlgorithm, "chunkChecksumAlgorithm");
        Objects.requireNonNull(keyMode, "keyMode");
        stripes = List.copyOf(stripes);
        if (stripes.size() != layout.stripeCount(plaintextSize)) {
            throw new IllegalArgumentException(plaintextSize + " bytes make " + layout.stripeCount(plaintextSize)
                    + " stripes, the record has " + stripes.size());
        }
        long chunks = 0;
        for (Stripe stripe : stripes) {
            if (stripe.shards().size() != layout.totalShards()) {
                throw new IllegalArgumentException("a stripe has " + stripe.shards().size() + " shards, the layout "
                        + layout.totalShards());
            }
            chunks += stripe.chunks().size();
        }
        if (chunks != layout.chunkCount(plaintextSize)) {
            throw new IllegalArgumentException(plaintextSize + " bytes make " + layout.chunkCount(plaintextSize)
                    + " chunks, the record has " + chunks);
        }
    }

    /** Index of the first chunk of stripe {@code stripe}. */
    public long firstChunk(int stripe) {
        return (long) stripe * layout.chunksPerStripe();
    }

    /** Shard chunks not written (degraded or lost). */
    public int missingCount() {
        int missing = 0;
        for (Stripe stripe : stripes) {
            missing += layout.totalShards() - stripe.okCount();
        }
        return missing;
    }

    public boolean degraded() {
        return missingCount() > 0;
    }

    /** The fewest written shards in any stripe: how close the segment is to loss. */
    public int minOkShards() {
        int min = layout.totalShards();
        for (Stripe stripe : stripes) {
            min = Math.min(min, stripe.okCount());
        }
        return min;
    }

    /** Every backend named by a shard chunk, in order of first use. */
    public Set<String> backends() {
        Set<String> names = new LinkedHashSet<>();
        for (Stripe stripe : stripes) {
            for (ShardChunk shard : stripe.shards()) {
                names.add(shard.backend());
            }
        }
        return names;
    }

    public SegmentRecord withStripe(int index, Stripe stripe) {
        List<Stripe> copy = new ArrayList<>(stripes);
        copy.set(index, stripe);
        return new SegmentRecord(id, layout, matrixId, cipher, compression, checksumAlgorithm, plaintextSize, checksum,
                chunkChecksumAlgorithm, keyMode, createdMillis, copy);
    }

    public SegmentRecord withStripes(List<Stripe> newStripes) {
        return new SegmentRecord(id, layout, matrixId, cipher, compression, checksumAlgorithm, plaintextSize, checksum,
                chunkChecksumAlgorithm, keyMode, createdMillis, newStripes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SegmentRecord that && id.equals(that.id) && layout.equals(that.layout)
                && matrixId.equals(that.matrixId) && cipher.equals(that.cipher) && compression.equals(that.compression)
                && checksumAlgorithm.equals(that.checksumAlgorithm) && plaintextSize == that.plaintextSize
                && Arrays.equals(checksum, that.checksum) && chunkChecksumAlgorithm.equals(that.chunkChecksumAlgorithm)
                && keyMode == that.keyMode && createdMillis == that.createdMillis && stripes.equals(that.stripes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, layout, plaintextSize, Arrays.hashCode(checksum), stripes);
    }

    @Override
    public String toString() {
        return "SegmentRecord[" + id + ", " + plaintextSize + " bytes, " + layout.dataShards() + "+"
                + layout.parityShards() + ", " + stripes.size() + " stripes, " + missingCount() + " shard chunks missing]";
    }
}
