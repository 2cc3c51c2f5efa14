package io.qsctl.zstor.store;

/**
 * Something wrong with one shard chunk.
 *
 * @param stripe  stripe index
 * @param shard   shard index (data shards first)
 * @param backend the backend that holds it, or should
 * @param kind    what is wrong
 * @param detail  more words, for people
 */
public record ChunkProblem(int stripe, int shard, String backend, Kind kind, String detail) {

    /** What can be wrong with a shard chunk. */
    public enum Kind {
        /** The metadata records it as never written (degraded write) or lost before. */
        MISSING,
        /** The backend has no value under its key (lost, or the namespace was replaced). */
        LOST,
        /**
         * The key holds a chunk of something else: the namespace was reset or recreated and the
         * server handed the key out again. Rebuilt like a lost chunk; what is there is never deleted.
         */
        FOREIGN,
        /** Its bytes do not match the recorded checksum or length. */
        CORRUPT,
        /** The backend did not answer or refused. */
        UNREACHABLE,
        /** The backend is no longer in the store's configuration. */
        UNKNOWN_BACKEND
    }
}
