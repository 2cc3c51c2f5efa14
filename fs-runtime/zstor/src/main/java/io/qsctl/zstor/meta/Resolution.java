package io.qsctl.zstor.meta;

import java.util.Map;

/**
 * What the metadata backends, taken together, say about one record. Only {@link Live} and
 * {@link Deleted} name a version; {@link Absent} is a decided "there is none".
 */
sealed interface Resolution {

    /** The highest authentic generation seen on any backend, committed or not (0 if none). */
    long highestSeen();

    /** The winning version is a record; {@code shards} are its valid shards by index (at least D). */
    record Live(long generation, Map<Integer, MetaShard> shards, long highestSeen) implements Resolution {
        public Live {
            shards = Map.copyOf(shards);
        }

        int payloadLength() {
            return shards.values().iterator().next().payloadLength();
        }
    }

    /** The winning version is a tombstone. */
    record Deleted(long generation, long highestSeen) implements Resolution {
    }

    /** No version was ever committed (at most the remains of failed writes exist). */
    record Absent(long highestSeen) implements Resolution {
    }

    /**
     * Too few backends answered to tell: {@code generation} (0 when it may be one not seen at all)
     * has only {@code validShards} shards in view, yet the backends that did not answer, or hold
     * damaged slots, could hold enough of it to make it committed. Answering with an older version
     * could resurrect a deleted record or return a stale one, so none is given.
     */
    record Undecided(long generation, int validShards, long highestSeen) implements Resolution {
    }

    /** No authentic shard anywhere, and enough backends hold shards sealed under another metadata key. */
    record WrongKey(int backends) implements Resolution {
        @Override
        public long highestSeen() {
            return 0;
        }
    }
}
