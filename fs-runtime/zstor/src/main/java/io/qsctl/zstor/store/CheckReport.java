package io.qsctl.zstor.store;

import java.util.List;

/**
 * What reading every shard chunk of a segment found.
 *
 * @param id            the object id
 * @param size          its plaintext size
 * @param stripes       stripes checked
 * @param chunksChecked shard chunks read and verified
 * @param bytesRead     bytes of good chunks read
 * @param weakestStripe the fewest good shards found in any stripe (the segment is readable while
 *                      this is at least the number of data shards)
 * @param dataShards    shards needed per stripe
 * @param problems      every chunk found missing, lost, corrupt or unreachable
 */
public record CheckReport(String id, long size, int stripes, long chunksChecked, long bytesRead, int weakestStripe,
        int dataShards, List<ChunkProblem> problems) {

    public CheckReport {
        problems = List.copyOf(problems);
    }

    public boolean healthy() {
        return problems.isEmpty();
    }

    public boolean readable() {
        return weakestStripe >= dataShards;
    }

    public long count(ChunkProblem.Kind kind) {
        return problems.stream().filter(p -> p.kind() == kind).count();
    }
}
