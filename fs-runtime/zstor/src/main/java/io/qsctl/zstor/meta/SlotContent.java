package io.qsctl.zstor.meta;

/** What one of a record's two keys on one backend holds. */
sealed interface SlotContent {

    /** Nothing stored under the key. */
    record Empty() implements SlotContent {
    }

    /** An authentic shard of this record. */
    record Valid(MetaShard shard) implements SlotContent {
    }

    /** Something that is not an authentic shard of this record. */
    record Invalid(ShardDefect defect) implements SlotContent {
    }

    SlotContent EMPTY = new Empty();

    default boolean holds(long generation) {
        return this instanceof Valid v && v.shard().generation() == generation;
    }
}
