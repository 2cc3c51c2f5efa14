package io.qsctl.zstor.codec;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The decoding matrices of the erasure patterns seen last, at most {@link #CAPACITY}: inverting
 * is the costly part of a decode, and a store sees the same few patterns again and again (a
 * backend down), while the number of possible patterns is astronomical. Least recently used goes
 * first. Thread-safe; a matrix is computed outside the lock, so two threads may both compute a new
 * one (the same one), and neither waits for the other's inversion.
 */
final class DecodeMatrixCache {

    /** As many as reed-solomon-erasure keeps (its DATA_DECODE_MATRIX_CACHE_CAPACITY). */
    static final int CAPACITY = 254;

    private final Map<Pattern, GfMatrix> matrices = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Pattern, GfMatrix> eldest) {
            return size() > CAPACITY;
        }
    };

    /** The matrix for these source shards (ascending indices), computed by {@code inverse} when not cached. */
    GfMatrix get(int[] sources, Supplier<GfMatrix> inverse) {
        Pattern pattern = new Pattern(sources);
        synchronized (matrices) {
            GfMatrix cached = matrices.get(pattern);
            if (cached != null) {
                return cached;
            }
        }
        GfMatrix computed = inverse.get();
        synchronized (matrices) {
            matrices.putIfAbsent(pattern, computed);
        }
        return computed;
    }

    int size() {
        synchronized (matrices) {
            return matrices.size();
        }
    }

    boolean contains(int[] sources) {
        synchronized (matrices) {
            return matrices.containsKey(new Pattern(sources));
        }
    }

    /** The indices of the shards a decode reads, as a key (arrays compare by identity). */
    private record Pattern(int[] sources) {

        @Override
        public boolean equals(Object other) {
            return other instanceof Pattern pattern && Arrays.equals(sources, pattern.sources);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(sources);
        }
    }
}
