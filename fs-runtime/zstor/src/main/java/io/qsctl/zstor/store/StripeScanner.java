package io.qsctl.zstor.store;

import io.qsctl.zstor.backend.Backend;
import io.qsctl.zstor.segment.ChunkHeader;
import io.qsctl.zstor.segment.SegmentRecord;
import io.qsctl.zstor.segment.ShardChunk;
import io.qsctl.zstor.segment.Stripe;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Reads every shard chunk of a stripe, in parallel, and checks each (header, length, checksum): what check, scrub and repair are built on. Unlike a retrieve it reads all of
 * them, since a bad parity chunk is only found by reading it.
 */
final class StripeScanner {

    private final StoreContext context;

    StripeScanner(StoreContext context) {
        this.context = context;
    }

    /** What a scan found; {@code shards[i]} holds the verified bytes where {@code good[i]}. */
    record Scan(byte[][] shards, boolean[] good, List<ChunkProblem> problems, long bytesRead) {

        int goodCount() {
            int count = 0;
            for (boolean g : good) {
                count += g ? 1 : 0;
            }
            return count;
        }
    }

    Scan scan(SegmentRecord record, int index, RateLimiter limiter) {
        Stripe stripe = record.stripes().get(index);
        int total = stripe.shards().size();
        int shardLength = record.layout().shardLength(stripe.payloadLength());
        byte[][] shards = new byte[total][];
        boolean[] good = new boolean[total];
        List<ChunkProblem> problems = new ArrayList<>();
        List<CompletableFuture<Optional<ChunkProblem>>> reads = new ArrayList<>();
        for (int shard = 0; shard < total; shard++) {
            ShardChunk chunk = stripe.shards().get(shard);
            Optional<Backend> backend = context.backend(chunk.backend());
            if (!chunk.isOk()) {
                problems.add(new ChunkProblem(index, shard, chunk.backend(), ChunkProblem.Kind.MISSING,
                        "recorded missing"));
            } else if (backend.isEmpty()) {
                problems.add(new ChunkProblem(index, shard, chunk.backend(), ChunkProblem.Kind.UNKNOWN_BACKEND,
                        "backend " + chunk.backend() + " is not configured"));
            } else {
                int s = shard;
                reads.add(CompletableFuture.supplyAsync(() -> {
                    limiter.acquire(ChunkHeader.LENGTH + shardLength);
                    ChunkReader.Result result = ChunkReader.read(context, record.id(), index, s, backend.get(), chunk,
                            shardLength);
                    if (result.good()) {
                        // each task writes its own slot; join() publishes them to the scanning thread
                        shards[s] = result.data();
                        good[s] = true;
                    }
                    return Optional.ofNullable(result.problem());
                }, context.ioThreads()));
            }
        }
        long bytes = 0;
        for (CompletableFuture<Optional<ChunkProblem>> read : reads) {
            try {
                read.join().ifPresent(problems::add);
            } catch (CompletionException e) {
                // a read that threw instead of reporting a problem: a bug, thrown as itself
                throw e.getCause() instanceof RuntimeException bug ? bug : e;
            }
        }
        for (int shard = 0; shard < total; shard++) {
            bytes += good[shard] ? ChunkHeader.LENGTH + shardLength : 0;
        }
        problems.sort(Comparator.comparingInt(ChunkProblem::shard));
        return new Scan(shards, good, problems, bytes);
    }
}
