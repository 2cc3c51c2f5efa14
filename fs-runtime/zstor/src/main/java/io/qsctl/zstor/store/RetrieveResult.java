package io.qsctl.zstor.store;

/**
 * A segment read back.
 *
 * @param id                   the object id
 * @param size                 plaintext bytes written to the output
 * @param stripes              stripes read
 * @param chunksRead           shard chunks asked for
 * @param hedgedReads          of those, asked because another backend was slow
 * @param reconstructedStripes stripes that needed parity (a data shard was missing, bad or slow)
 * @param problems             chunks found missing, lost, corrupt or unreachable on the way
 */
public record RetrieveResult(String id, long size, int stripes, long chunksRead, long hedgedReads,
        int reconstructedStripes, int problems) {
}
