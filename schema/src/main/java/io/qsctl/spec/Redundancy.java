package io.qsctl.spec;

/**
 * Erasure coding parameters: a segment is cut into {@code dataShards} pieces plus
 * {@code parityShards} repair pieces; any {@code dataShards} of them give the segment back.
 */
public record Redundancy(int dataShards, int parityShards) {

    /** GF(2^8) Reed-Solomon cannot address more shards than this. */
    public static final int MAX_TOTAL_SHARDS = 255;

    public Redundancy {
        if (dataShards < 1 || parityShards < 1 || dataShards + parityShards > MAX_TOTAL_SHARDS) {
            throw new IllegalArgumentException("invalid redundancy " + dataShards + "+" + parityShards);
        }
    }

    public int totalShards() {
        return dataShards + parityShards;
    }

    /** Stored bytes per usable byte, e.g. 1.25 for 16+4. */
    public double overhead() {
        return (double) totalShards() / dataShards;
    }
}
