package io.qsctl.zstor.store;

import io.qsctl.zstor.segment.SegmentRecord;
import java.util.ArrayList;
import java.util.List;

/** Reads and verifies every shard chunk of a segment, stripe by stripe, within a rate. */
public final class SegmentChecker {

    private final StripeScanner scanner;

    public SegmentChecker(StoreContext context) {
        this.scanner = new StripeScanner(context);
    }

    public CheckReport check(SegmentRecord record, RateLimiter limiter) {
        List<ChunkProblem> problems = new ArrayList<>();
        long checked = 0;
        long bytes = 0;
        int weakest = record.layout().totalShards();
        for (int stripe = 0; stripe < record.stripes().size(); stripe++) {
            StripeScanner.Scan scan = scanner.scan(record, stripe, limiter);
            problems.addAll(scan.problems());
            checked += record.stripes().get(stripe).okCount();
            bytes += scan.bytesRead();
            weakest = Math.min(weakest, scan.goodCount());
        }
        return new CheckReport(record.id().hex(), record.plaintextSize(), record.stripes().size(), checked, bytes, weakest,
                record.layout().dataShards(), problems);
    }
}
