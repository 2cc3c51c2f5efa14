package io.qsctl.zstor.store;

import java.util.List;

/**
 * What a rebalance moved.
 *
 * @param segmentsExamined segments whose placement was looked at
 * @param moves            shards moved, in order
 */
public record RebalanceReport(int segmentsExamined, List<Move> moves) {

    public RebalanceReport {
        moves = List.copyOf(moves);
    }

    /**
     * One shard of one segment moved.
     *
     * @param segment the object id
     * @param shard   shard index
     * @param from    backend it left
     * @param to      backend it went to
     * @param chunks  chunks copied (one per stripe that had it)
     */
    public record Move(String segment, int shard, String from, String to, int chunks) {
    }
}
