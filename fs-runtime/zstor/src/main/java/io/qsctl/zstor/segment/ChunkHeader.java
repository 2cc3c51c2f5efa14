package io.qsctl.zstor.segment;

import java.nio.ByteBuffer;

/**
 * The 24 bytes in front of every stored shard chunk: {@code "QZ"}, a format byte (1), the shard
 * index (u8), the stripe index (u32, big-endian) and the segment id (16 bytes).
 *
 * <p>Why: in a seq-mode namespace the key is a counter the server hands out. When a namespace is
 * reset or recreated under the same backend name, the keys recorded for lost chunks are handed
 * out again, to new chunks of other segments (or other stripes of the same one). A chunk that
 * names itself lets a reader tell "this key now holds someone else's chunk" (treated as lost, and
 * never deleted) from "this is our chunk, damaged" (rebuilt, and the damaged copy deleted). The
 * header is covered by the chunk checksum.
 */
public final class ChunkHeader {

    public static final int LENGTH = 24;
    private static final byte FORMAT = 1;

    private ChunkHeader() {
    }

    /** Writes the header of shard {@code shard} of stripe {@code stripe} into {@code value[0, 24)}. */
    public static void write(byte[] value, SegmentId segment, int stripe, int shard) {
        ByteBuffer.wrap(value, 0, LENGTH).put((byte) 'Q').put((byte) 'Z').put(FORMAT).put((byte) shard).putInt(stripe)
                .put(segment.bytes());
    }

    /** Whether {@code value} starts with the header of that very chunk. */
    public static boolean matches(byte[] value, SegmentId segment, int stripe, int shard) {
        if (value.length < LENGTH) {
            return false;
        }
        byte[] expected = new byte[LENGTH];
        write(expected, segment, stripe, shard);
        return java.util.Arrays.equals(value, 0, LENGTH, expected, 0, LENGTH);
    }
}
