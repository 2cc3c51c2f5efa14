package io.qsctl.zstor.store;

import java.util.List;
import java.util.Map;

/**
 * What a repair of one segment did.
 *
 * @param id                   the object id
 * @param found                the problems the repair started from
 * @param rebuilt              shard chunks rebuilt and written
 * @param rebuiltPerBackend    where they were written: backend name to count
 * @param relocated            of those, written to another backend than the one that held or should hold them
 * @param stillMissing         problem chunks not fixed (no backend could take them, or their stripe is unrecoverable)
 * @param unrecoverableStripes stripes with fewer good shards than data shards: lost unless a backend comes back
 * @param supersededDeleted    damaged or replaced chunks deleted after the new metadata was written
 * @param supersededLeft       such chunks left behind because their backend is no longer configured
 *                             or could not be reached (space, not correctness: no metadata names them)
 * @param generation           generation of the segment's metadata afterwards
 */
public record RepairReport(String id, List<ChunkProblem> found, int rebuilt, Map<String, Integer> rebuiltPerBackend,
        int relocated, int stillMissing, List<Integer> unrecoverableStripes, int supersededDeleted, int supersededLeft,
        long generation) {

    public RepairReport {
        found = List.copyOf(found);
        rebuiltPerBackend = Map.copyOf(rebuiltPerBackend);
        unrecoverableStripes = List.copyOf(unrecoverableStripes);
    }

    /** Whether the segment has every shard chunk written and verified now. */
    public boolean complete() {
        return stillMissing == 0 && unrecoverableStripes.isEmpty();
    }
}
