package io.qsctl.zstor.store;

import io.qsctl.zstor.backend.Backend;
import io.qsctl.zstor.segment.SegmentRecord;
import io.qsctl.zstor.segment.ShardChunk;
import io.qsctl.zstor.segment.Stripe;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Gets {@code want} verified shard chunks of one stripe, reading as few as it can.
 *
 * <ul>
 *   <li>Candidates are the shards recorded as written, on backends the store knows, best first:
 *       healthy before the rest, fast before slow (latency EWMA), data shards before parity.</li>
 *   <li>It asks the first {@code want}. Every chunk is checked (length and checksum) when it
 *       arrives; a missing, corrupt or failed one is replaced by asking the next candidate.</li>
 *   <li><b>Hedging</b>: when no answer came for 3 times the usual latency of the slowest backend
 *       being waited on (and at least {@code hedgeMinDelay}), one more candidate is asked; the
 *       first {@code want} good chunks win and later answers are dropped.</li>
 * </ul>
 */
final class ShardFetcher {

    static final double HEDGE_FACTOR = 3.0;
    /** A backend this many times slower than the median of a stripe's candidates is asked last. */
    static final double SLOW_FACTOR = 3.0;
    /** Latencies under this are all fast (loopback and LAN jitter is not a reason to decode). */
    static final double SLOW_FLOOR_MILLIS = 20.0;

    private final StoreContext context;

    ShardFetcher(StoreContext context) {
        this.context = context;
    }

    /** What a fetch got. {@code shards[i]} is null where {@code present[i]} is false. */
    record Fetched(byte[][] shards, boolean[] present, int good, int reads, int hedges, List<ChunkProblem> problems) {
    }

    /** One read's result; {@code bug} when the read threw instead of answering (see {@link ChunkReader#read}). */
    private record Answer(int shard, byte[] data, ChunkProblem problem, Throwable bug) {
    }

    Fetched fetch(SegmentRecord record, int stripeIndex, int want) {
        Stripe stripe = record.stripes().get(stripeIndex);
        int total = stripe.shards().size();
        int shardLength = record.layout().shardLength(stripe.payloadLength());
        List<ChunkProblem> problems = new ArrayList<>();
        List<Integer> candidates = new ArrayList<>();
        for (int shard = 0; shard < total; shard++) {
            ShardChunk chunk = stripe.shards().get(shard);
            if (!chunk.isOk()) {
                problems.add(new ChunkProblem(stripeIndex, shard, chunk.backend(), ChunkProblem.Kind.MISSING,
                        "recorded missing"));
            } else if (context.backend(chunk.backend()).isEmpty()) {
                problems.add(new ChunkProblem(stripeIndex, shard, chunk.backend(), ChunkProblem.Kind.UNKNOWN_BACKEND,
                        "backend " + chunk.backend() + " is not configured"));
            } else {
                candidates.add(shard);
            }
        }
        candidates.sort(order(stripe, candidates, record.layout().dataShards()));

        byte[][] shards = new byte[total][];
        boolean[] present = new boolean[total];
        BlockingQueue<Answer> answers = new LinkedBlockingQueue<>();
        List<String> waitingOn = new ArrayList<>();
        int next = 0;
        int outstanding = 0;
        int good = 0;
        int hedges = 0;
        for (; next < candidates.size() && next < want; next++) {
            launch(record, stripeIndex, candidates.get(next), shardLength, answers);
            waitingOn.add(stripe.shards().get(candidates.get(next)).backend());
            outstanding++;
        }
        try {
            while (good < want && outstanding > 0) {
                Answer answer = answers.poll(hedgeDelayNanos(waitingOn), TimeUnit.NANOSECONDS);
                if (answer == null) {
                    if (next < candidates.size()) {
                        launch(record, stripeIndex, candidates.get(next), shardLength, answers);
                        waitingOn.add(stripe.shards().get(candidates.get(next)).backend());
                        next++;
                        outstanding++;
                        hedges++;
                    }
                    continue;
                }
                outstanding--;
                waitingOn.remove(stripe.shards().get(answer.shard()).backend());
                if (answer.bug() != null) {
                    throw surfaced(answer.bug());
                }
                if (answer.problem() == null) {
                    shards[answer.shard()] = answer.data();
                    present[answer.shard()] = true;
                    good++;
                } else {
                    problems.add(answer.problem());
                    while (good + outstanding < want && next < candidates.size()) {
                        launch(record, stripeIndex, candidates.get(next), shardLength, answers);
                        waitingOn.add(stripe.shards().get(candidates.get(next)).backend());
                        next++;
                        outstanding++;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading stripe " + stripeIndex + " of segment "
                    + record.id(), e);
        }
        return new Fetched(shards, present, good, next, hedges, problems);
    }

    /**
     * Healthy backends first; among them the fast ones (not over {@value #SLOW_FACTOR} times the
     * median latency of the candidates), and among the fast ones data shards before parity: reading
     * the M data shards needs no decoding at all, and a parity shard is only worth its decoding
     * cost when it saves waiting for a slow backend. Then by latency.
     */
    private Comparator<Integer> order(Stripe stripe, List<Integer> candidates, int dataShards) {
        double[] latency = new double[stripe.shards().size()];
        List<Double> known = new ArrayList<>();
        for (int shard : candidates) {
            latency[shard] = context.health().latencyMillis(stripe.shards().get(shard).backend(), -1);
            if (latency[shard] >= 0) {
                known.add(latency[shard]);
            }
        }
        known.sort(null);
        double median = known.isEmpty() ? 0 : known.get(known.size() / 2);
        double slow = Math.max(SLOW_FACTOR * median, SLOW_FLOOR_MILLIS);
        return Comparator
                .comparingInt((Integer s) -> context.health().state(stripe.shards().get(s).backend()).rank())
                .thenComparingInt(s -> latency[s] > slow ? 1 : 0)
                .thenComparingInt(s -> s < dataShards ? 0 : 1)
                .thenComparingDouble(s -> latency[s] < 0 ? Double.MAX_VALUE : latency[s])
                .thenComparingInt(s -> s);
    }

    private long hedgeDelayNanos(List<String> waitingOn) {
        double slowest = 0;
        for (String backend : waitingOn) {
            slowest = Math.max(slowest, context.health().latencyMillis(backend, 0));
        }
        long min = context.config().hedgeMinDelay().toNanos();
        return Math.max(min, (long) (slowest * HEDGE_FACTOR * 1e6));
    }

    private void launch(SegmentRecord record, int stripe, int shard, int shardLength, BlockingQueue<Answer> answers) {
        ShardChunk chunk = record.stripes().get(stripe).shards().get(shard);
        Backend backend = context.backend(chunk.backend()).orElseThrow();
        CompletableFuture.runAsync(() -> {
            Answer answer;
            try {
                ChunkReader.Result result = ChunkReader.read(context, record.id(), stripe, shard, backend, chunk,
                        shardLength);
                answer = new Answer(shard, result.data(), result.problem(), null);
            } catch (RuntimeException | Error bug) {
                // handed to the waiting reader, which throws it: left here, it would wait for this answer forever
                answer = new Answer(shard, null, null, bug);
            }
            answers.add(answer);
        }, context.ioThreads());
    }

    private static RuntimeException surfaced(Throwable bug) {
        if (bug instanceof Error error) {
            throw error;
        }
        return (RuntimeException) bug;
    }
}
