package io.qsctl.zstor.segment;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Where one shard of one stripe lives.
 *
 * @param backend  name of the backend that holds it (or should: for {@link ShardState#MISSING})
 * @param state    whether it is written
 * @param key      its 0-db key (empty while missing)
 * @param checksum its {@link io.qsctl.zstor.crypto.Checksums#CHUNK_ALGORITHM} checksum, known even
 *                 while missing (it was computed when the stripe was encoded), so a rebuilt chunk is
 *                 checked against what was first stored
 */
public record ShardChunk(String backend, ShardState state, byte[] key, byte[] checksum) {

    private static final byte[] NO_KEY = new byte[0];

    public ShardChunk {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(checksum, "checksum");
        key = key == null ? NO_KEY : key;
        if (state == ShardState.OK && key.length == 0) {
            throw new IllegalArgumentException("a written shard chunk has a key");
        }
    }

    public static ShardChunk written(String backend, byte[] key, byte[] checksum) {
        return new ShardChunk(backend, ShardState.OK, key, checksum);
    }

    public static ShardChunk missing(String backend, byte[] checksum) {
        return new ShardChunk(backend, ShardState.MISSING, NO_KEY, checksum);
    }

    public boolean isOk() {
        return state == ShardState.OK;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ShardChunk that && backend.equals(that.backend) && state == that.state
                && Arrays.equals(key, that.key) && Arrays.equals(checksum, that.checksum);
    }

    @Override
    public int hashCode() {
        return Objects.hash(backend, state, Arrays.hashCode(key), Arrays.hashCode(checksum));
    }

    @Override
    public String toString() {
        return "ShardChunk[" + backend + " " + state + " key=" + HexFormat.of().formatHex(key) + "]";
    }
}
