package io.qsctl.zstor.meta;

import java.util.List;

/** What one metadata backend showed of one record: its two slots, or why it did not answer. */
sealed interface BackendView {

    /** No answer: connection refused, timed out, or the server refused the command. */
    record Unreachable(String reason) implements BackendView {
    }

    /** The contents of the record's slots ({@link Slots#COUNT} of them). */
    record Answered(List<SlotContent> slots) implements BackendView {
        public Answered {
            slots = List.copyOf(slots);
        }

        boolean anyInvalid() {
            return slots.stream().anyMatch(SlotContent.Invalid.class::isInstance);
        }

        boolean holds(long generation, int index) {
            return slots.stream().anyMatch(s -> s instanceof SlotContent.Valid v
                    && v.shard().generation() == generation && v.shard().index() == index);
        }
    }

    /**
     * Whether this backend's part is fully known. One that did not answer, or holds a slot that is
     * not an authentic shard, may be hiding a shard of some generation.
     */
    default boolean fullyKnown() {
        return this instanceof Answered a && !a.anyInvalid();
    }
}
