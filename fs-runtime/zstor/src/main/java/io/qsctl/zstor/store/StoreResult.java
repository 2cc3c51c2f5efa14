package io.qsctl.zstor.store;

/**
 * A stored segment.
 *
 * @param id            the object id (32 hex digits) to retrieve it by
 * @param size          plaintext bytes stored
 * @param stripes       stripes written
 * @param missingChunks shard chunks not written (0 unless the write was degraded)
 * @param generation    generation of its metadata record
 */
public record StoreResult(String id, long size, int stripes, int missingChunks, long generation) {

    public boolean degraded() {
        return missingChunks > 0;
    }
}
