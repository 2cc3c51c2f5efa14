package io.qsctl.zstor.store;

import java.util.List;

/**
 * What a scrub found (and, if asked, repaired).
 *
 * @param segments       segments scrubbed
 * @param chunksChecked  shard chunks read and verified
 * @param bytesRead      bytes read
 * @param damaged        reports of the segments with problems
 * @param repairs        repairs made, when the scrub was asked to repair
 * @param unreadable     ids whose metadata could not be read, with why
 */
public record ScrubReport(int segments, long chunksChecked, long bytesRead, List<CheckReport> damaged,
        List<RepairReport> repairs, List<String> unreadable) {

    public ScrubReport {
        damaged = List.copyOf(damaged);
        repairs = List.copyOf(repairs);
        unreadable = List.copyOf(unreadable);
    }

    public long problems() {
        return damaged.stream().mapToLong(r -> r.problems().size()).sum();
    }
}
