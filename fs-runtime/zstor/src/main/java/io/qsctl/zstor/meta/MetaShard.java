package io.qsctl.zstor.meta;

import java.util.Arrays;
import java.util.Objects;

/**
 * One stored piece of one version of a record, as its header describes it.
 *
 * @param index         which of the {@code count} Reed-Solomon shards this is (shard i lives on backend i)
 * @param count         total shards of the version (the number of metadata backends)
 * @param dataCount     shards needed to rebuild it
 * @param generation    the version; strictly increasing per record id, always positive
 * @param tombstone     the version says "deleted"; it has no payload
 * @param payloadLength bytes of the sealed record the shards carry together (0 for a tombstone)
 * @param body          this shard's bytes: {@code ceil(payloadLength / dataCount)} of them
 */
record MetaShard(int index, int count, int dataCount, long generation, boolean tombstone, int payloadLength,
                 byte[] body) {

    MetaShard {
        Objects.requireNonNull(body, "body");
    }

    /** Shard size for a payload: the payload is cut into {@code dataCount} equal parts, the last one zero-padded. */
    static int bodyLength(int payloadLength, int dataCount) {
        return (int) ((payloadLength + (long) dataCount - 1) / dataCount);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MetaShard s && index == s.index && count == s.count && dataCount == s.dataCount
                && generation == s.generation && tombstone == s.tombstone && payloadLength == s.payloadLength
                && Arrays.equals(body, s.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, count, dataCount, generation, tombstone, payloadLength) * 31 + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "MetaShard[" + index + "/" + count + " (" + dataCount + " data), generation " + generation
                + (tombstone ? ", tombstone" : ", " + payloadLength + " payload bytes") + "]";
    }
}
