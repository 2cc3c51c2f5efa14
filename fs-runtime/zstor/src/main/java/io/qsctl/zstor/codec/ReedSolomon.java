package io.qsctl.zstor.codec;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * A systematic Reed-Solomon code over GF(2^8): {@code dataShards} shards of data, {@code parityShards}
 * shards of parity, any {@code dataShards} of the {@code totalShards} enough to rebuild all.
 *
 * <p>The encoding matrix is a {@code total x data} Vandermonde matrix multiplied by the inverse of
 * its top square, so the top is the identity (data shards are the data itself) and every square
 * made of any {@code data} rows stays invertible. The matrix is part of the stored format: changing
 * it makes existing parity unreadable, so {@link #MATRIX_ID} names it in metadata.
 *
 * <p>Shards are byte arrays of equal length; every operation works on {@code [offset, offset+length)}
 * of each. A shard that is written (parity in an encode, a missing shard in a rebuild) must be an
 * array of its own: one that is also another shard is refused, as it would give wrong bytes.
 * Instances are thread-safe; the decoding matrices of the last {@value DecodeMatrixCache#CAPACITY}
 * erasure patterns are cached.
 */
public final class ReedSolomon {

    /** Identifies this construction of the encoding matrix in stored metadata. */
    public static final String MATRIX_ID = "gf256-11d-vandermonde-systematic";

    public static final int MAX_TOTAL_SHARDS = 256;

    /** 0, 1, ... : every shard index, for the checks that look at all of them. */
    private static final int[] ALL_SHARDS = IntStream.range(0, MAX_TOTAL_SHARDS).toArray();

    private final int dataShards;
    private final int parityShards;
    private final GfKernel kernel;
    private final GfMatrix encoding;
    private final byte[][] parityRows;
    private final DecodeMatrixCache decodingCache = new DecodeMatrixCache();

    private ReedSolomon(int dataShards, int parityShards, GfKernel kernel) {
        this.dataShards = dataShards;
        this.parityShards = parityShards;
        this.kernel = kernel;
        int total = dataShards + parityShards;
        GfMatrix vandermonde = GfMatrix.vandermonde(total, dataShards);
        this.encoding = vandermonde.times(vandermonde.rowRange(0, dataShards).inverse());
        this.parityRows = new byte[parityShards][];
        for (int p = 0; p < parityShards; p++) {
            parityRows[p] = encoding.row(dataShards + p);
        }
    }

    /** A code with the fastest kernel this JVM offers (see {@link GfKernels#best()}). */
    public static ReedSolomon create(int dataShards, int parityShards) {
        return create(dataShards, parityShards, GfKernels.best());
    }

    public static ReedSolomon create(int dataShards, int parityShards, GfKernel kernel) {
        if (dataShards < 1) {
            throw new IllegalArgumentException("dataShards must be at least 1, not " + dataShards);
        }
        if (parityShards < 0) {
            throw new IllegalArgumentException("parityShards must not be negative, not " + parityShards);
        }
        if (dataShards + parityShards > MAX_TOTAL_SHARDS) {
            throw new IllegalArgumentException("at most " + MAX_TOTAL_SHARDS + " shards in GF(2^8), not "
                    + (dataShards + parityShards));
        }
        return new ReedSolomon(dataShards, parityShards, kernel);
    }

    public int dataShards() {
        return dataShards;
    }

    public int parityShards() {
        return parityShards;
    }

    public int totalShards() {
        return dataShards + parityShards;
    }

    public GfKernel kernel() {
        return kernel;
    }

    /** Row {@code shard} of the encoding matrix (for tests and documentation). */
    public byte[] encodingRow(int shard) {
        return encoding.row(shard);
    }

    /** Computes the parity shards from the data shards ({@code shards[0..data)}) in place. */
    public void encode(byte[][] shards, int offset, int length) {
        checkShards(shards, offset, length);
        for (int p = dataShards; p < shards.length; p++) {
            requireOwnArray(shards, p, ALL_SHARDS, shards.length, "parity");
        }
        if (parityShards == 0 || length == 0) {
            return;
        }
        kernel.apply(parityRows, Arrays.copyOf(shards, dataShards), offset,
                Arrays.copyOfRange(shards, dataShards, shards.length), offset, length);
    }

    /** Whether the parity shards match the data shards. */
    public boolean verify(byte[][] shards, int offset, int length) {
        checkShards(shards, offset, length);
        if (parityShards == 0 || length == 0) {
            return true;
        }
        byte[][] computed = new byte[parityShards][length];
        kernel.apply(parityRows, Arrays.copyOf(shards, dataShards), offset, computed, 0, length);
        for (int p = 0; p < parityShards; p++) {
            if (!Arrays.equals(computed[p], 0, length, shards[dataShards + p], offset, offset + length)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Rebuilds every shard whose {@code present} flag is false, data and parity, from the present
     * ones. Missing shards must be allocated arrays; their contents are overwritten.
     *
     * @throws NotEnoughShardsException when fewer than {@code dataShards} are present
     */
    public void reconstruct(byte[][] shards, boolean[] present, int offset, int length) {
        rebuild(shards, present, offset, length, true);
    }

    /** Like {@link #reconstruct} but rebuilds only missing data shards (what a read needs). */
    public void reconstructData(byte[][] shards, boolean[] present, int offset, int length) {
        rebuild(shards, present, offset, length, false);
    }

    private void rebuild(byte[][] shards, boolean[] present, int offset, int length, boolean parityToo) {
        checkShards(shards, offset, length);
        if (present.length != totalShards()) {
            throw new IllegalArgumentException("present has " + present.length + " flags for " + totalShards()
                    + " shards");
        }
        int[] sources = new int[dataShards];
        int found = 0;
        for (int i = 0; i < present.length && found < dataShards; i++) {
            if (present[i]) {
                sources[found++] = i;
            }
        }
        int presentCount = 0;
        for (boolean p : present) {
            presentCount += p ? 1 : 0;
        }
        if (found < dataShards) {
            throw new NotEnoughShardsException(dataShards, presentCount, totalShards());
        }
        int[] missing = missing(present, parityToo ? totalShards() : dataShards);
        for (int m = 0; m < missing.length; m++) {
            requireOwnArray(shards, missing[m], sources, sources.length, "missing");
            requireOwnArray(shards, missing[m], missing, m, "missing");
        }
        if (missing.length == 0 || length == 0) {
            return;
        }
        GfMatrix decode = decodingCache.get(sources, () -> encoding.rows(sources).inverse());
        byte[][] rows = new byte[missing.length][];
        for (int m = 0; m < missing.length; m++) {
            int shard = missing[m];
            rows[m] = shard < dataShards ? decode.row(shard) : composedParityRow(shard - dataShards, decode);
        }
        byte[][] inputs = new byte[dataShards][];
        for (int i = 0; i < dataShards; i++) {
            inputs[i] = shards[sources[i]];
        }
        byte[][] outputs = new byte[missing.length][];
        for (int m = 0; m < missing.length; m++) {
            outputs[m] = shards[missing[m]];
        }
        kernel.apply(rows, inputs, offset, outputs, offset, length);
    }

    /** The parity row expressed over the present shards: parity row x decoding matrix. */
    private byte[] composedParityRow(int parity, GfMatrix decode) {
        byte[] row = new byte[dataShards];
        for (int c = 0; c < dataShards; c++) {
            int sum = 0;
            for (int i = 0; i < dataShards; i++) {
                sum ^= Gf256.multiply(parityRows[parity][i], decode.get(i, c));
            }
            row[c] = (byte) sum;
        }
        return row;
    }

    private static int[] missing(boolean[] present, int upTo) {
        int count = 0;
        for (int i = 0; i < upTo; i++) {
            count += present[i] ? 0 : 1;
        }
        int[] missing = new int[count];
        int n = 0;
        for (int i = 0; i < upTo; i++) {
            if (!present[i]) {
                missing[n++] = i;
            }
        }
        return missing;
    }

    private void checkShards(byte[][] shards, int offset, int length) {
        if (shards.length != totalShards()) {
            throw new IllegalArgumentException("expected " + totalShards() + " shards, got " + shards.length);
        }
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative offset or length");
        }
        for (int i = 0; i < shards.length; i++) {
            if (shards[i] == null) {
                throw new IllegalArgumentException("shard " + i + " is null (allocate missing shards)");
            }
            // offset + length as an int could wrap to a negative number and pass
            if (length > shards[i].length - offset) {
                throw new IllegalArgumentException("shard " + i + " has " + shards[i].length + " bytes, needs "
                        + ((long) offset + length));
            }
        }
    }

    /**
     * Refuses a shard about to be written whose array is also one of the first {@code count} shards
     * named in {@code others} (read, or written too): its bytes would change while they are used.
     */
    private static void requireOwnArray(byte[][] shards, int written, int[] others, int count, String what) {
        for (int i = 0; i < count; i++) {
            int other = others[i];
            if (other != written && shards[other] == shards[written]) {
                throw new IllegalArgumentException(what + " shard " + written + " is the same array as shard " + other
                        + "; each shard written needs an array of its own");
            }
        }
    }

    /** How many decoding matrices are cached now (for tests). */
    int cachedDecodingMatrices() {
        return decodingCache.size();
    }

    @Override
    public String toString() {
        return "ReedSolomon[" + dataShards + "+" + parityShards + ", " + kernel.name() + "]";
    }
}
