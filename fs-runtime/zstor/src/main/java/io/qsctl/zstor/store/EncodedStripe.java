package io.qsctl.zstor.store;

import io.qsctl.zstor.segment.ChunkEntry;
import java.util.List;

/**
 * A stripe ready to be written: its chunk table and its M+K shard chunks (data, then parity) as
 * they are stored, each a {@link io.qsctl.zstor.segment.ChunkHeader} and the shard.
 */
public record EncodedStripe(int index, int payloadLength, List<ChunkEntry> chunks, byte[][] shards) {
}
