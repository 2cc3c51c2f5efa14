package io.qsctl.zstor.segment;

import java.util.ArrayList;
import java.util.List;

/**
 * One stripe: its ciphertext length, the chunks in it, and one entry per shard (data shards
 * first, then parity), in shard order.
 */
public record Stripe(int payloadLength, List<ChunkEntry> chunks, List<ShardChunk> shards) {

    public Stripe {
        chunks = List.copyOf(chunks);
        shards = List.copyOf(shards);
        int sum = 0;
        for (ChunkEntry chunk : chunks) {
            sum += chunk.storedLength();
        }
        if (sum != payloadLength) {
            throw new IllegalArgumentException("chunks add up to " + sum + " bytes, the stripe says " + payloadLength);
        }
    }

    public int okCount() {
        int ok = 0;
        for (ShardChunk shard : shards) {
            ok += shard.isOk() ? 1 : 0;
        }
        return ok;
    }

    public Stripe withShard(int shard, ShardChunk chunk) {
        List<ShardChunk> copy = new ArrayList<>(shards);
        copy.set(shard, chunk);
        return new Stripe(payloadLength, chunks, copy);
    }
}
