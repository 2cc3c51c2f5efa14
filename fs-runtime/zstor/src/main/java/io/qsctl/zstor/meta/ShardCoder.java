package io.qsctl.zstor.meta;

import io.qsctl.zstor.codec.ReedSolomon;
import java.util.Map;

/**
 * Cuts a sealed record into the bodies of N meta shards with Reed-Solomon (D data + N - D parity)
 * and joins any D of them back. The data bodies are the payload itself, zero-padded to equal
 * length; the header's payload length tells where the padding starts.
 */
final class ShardCoder {

    private final MetaQuorum quorum;
    private final ReedSolomon code;

    ShardCoder(MetaQuorum quorum) {
        this.quorum = quorum;
        this.code = ReedSolomon.create(quorum.dataShards(), quorum.parityShards());
    }

    /** The N bodies for {@code payload}. */
    byte[][] split(byte[] payload) {
        int data = quorum.dataShards();
        int size = MetaShard.bodyLength(payload.length, data);
        byte[][] bodies = new byte[quorum.backends()][size];
        for (int i = 0; i < data; i++) {
            int from = i * size;
            int length = Math.max(0, Math.min(size, payload.length - from));
            System.arraycopy(payload, from, bodies[i], 0, length);
        }
        code.encode(bodies, 0, size);
        return bodies;
    }

    /**
     * The payload from the bodies given by shard index; at least D of them, all of one version.
     *
     * @throws io.qsctl.zstor.codec.NotEnoughShardsException with fewer than D bodies
     */
    byte[] join(Map<Integer, byte[]> bodies, int payloadLength) {
        int data = quorum.dataShards();
        int size = MetaShard.bodyLength(payloadLength, data);
        byte[][] shards = new byte[quorum.backends()][];
        boolean[] present = new boolean[quorum.backends()];
        for (int i = 0; i < shards.length; i++) {
            byte[] body = bodies.get(i);
            present[i] = body != null && body.length == size;
            shards[i] = present[i] ? body.clone() : new byte[size];
        }
        code.reconstructData(shards, present, 0, size);
        byte[] payload = new byte[payloadLength];
        for (int i = 0; i < data; i++) {
            int from = i * size;
            int length = Math.max(0, Math.min(size, payloadLength - from));
            System.arraycopy(shards[i], 0, payload, from, length);
        }
        return payload;
    }
}
