package io.qsctl.zstor.segment;

/** What the metadata knows about one shard chunk. */
public enum ShardState {
    /** Written and acknowledged; its key and checksum are recorded. */
    OK,
    /** Never written (a degraded write) or found lost and not yet rebuilt; repair writes it. */
    MISSING
}
