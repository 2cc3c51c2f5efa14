package io.qsctl.zstor.store;

import io.qsctl.zstor.segment.SegmentId;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Keys of shard chunks in user-mode namespaces: {@code <segment>/<stripe>/<shard>/<nonce>}. The
 * random suffix makes a rebuilt chunk a new key, so the chunk it replaces stays readable until
 * the metadata pointing to the new one is written (then it is deleted).
 */
final class ChunkKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ChunkKeys() {
    }

    static byte[] user(SegmentId id, int stripe, int shard) {
        byte[] nonce = new byte[4];
        RANDOM.nextBytes(nonce);
        return (id.hex() + "/" + stripe + "/" + shard + "/" + HexFormat.of().formatHex(nonce))
                .getBytes(StandardCharsets.US_ASCII);
    }
}
