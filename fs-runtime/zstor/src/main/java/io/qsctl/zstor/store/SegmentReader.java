package io.qsctl.zstor.store;

import io.qsctl.common.ExitCode;
import io.qsctl.common.QsctlException;
import io.qsctl.zstor.codec.ReedSolomon;
import io.qsctl.zstor.crypto.Checksums;
import io.qsctl.zstor.crypto.SegmentCipher;
import io.qsctl.zstor.segment.ChunkHeader;
import io.qsctl.zstor.segment.SegmentLayout;
import io.qsctl.zstor.segment.SegmentRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads a segment back into a stream, stripe by stripe, with at most {@code stripesInFlight}
 * stripes fetched and decoded ahead of the one being written out.
 *
 * <p>Every shard chunk is checked against its checksum before use, every encrypted chunk against
 * its GCM tag before its plaintext is released, and the whole plaintext against the segment
 * checksum at the end. A failure after some bytes went out still throws: the caller writes to a
 * temporary place and keeps it only when retrieve returns.
 */
public final class SegmentReader {

    private final StoreContext context;
    private final ShardFetcher fetcher;

    public SegmentReader(StoreContext context) {
        this.context = context;
        this.fetcher = new ShardFetcher(context);
    }

    public RetrieveResult retrieve(SegmentRecord record, OutputStream out) {
        if (!record.checksumAlgorithm().equals(Checksums.SEGMENT_ALGORITHM)
                || !record.cipher().equals(SegmentCipher.ALGORITHM_ID)
                || !record.matrixId().equals(ReedSolomon.MATRIX_ID)) {
            throw new QsctlException(ExitCode.ERROR, "segment " + record.id() + " uses " + record.cipher() + ", "
                    + record.matrixId() + " and " + record.checksumAlgorithm() + "; this qsctl reads "
                    + SegmentCipher.ALGORITHM_ID + ", " + ReedSolomon.MATRIX_ID + " and " + Checksums.SEGMENT_ALGORITHM);
        }
        SegmentCipher cipher = context.cipher(record.id());
        MessageDigest digest = Checksums.sha256();
        Stats stats = new Stats();
        Deque<CompletableFuture<List<byte[]>>> window = new ArrayDeque<>();
        int stripes = record.stripes().size();
        int submitted = 0;
        long written = 0;
        try {
            while (submitted < stripes && window.size() < context.config().stripesInFlight()) {
                window.add(submit(record, cipher, submitted++, stats));
            }
            while (!window.isEmpty()) {
                List<byte[]> plain = window.poll().join();
                if (submitted < stripes) {
                    window.add(submit(record, cipher, submitted++, stats));
                }
                for (byte[] chunk : plain) {
                    out.write(chunk);
                    digest.update(chunk);
                    written += chunk.length;
                }
            }
        } catch (CompletionException e) {
            window.forEach(f -> f.cancel(false));
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        } catch (IOException e) {
            window.forEach(f -> f.cancel(false));
            throw new QsctlException(ExitCode.ERROR, "cannot write segment " + record.id() + " out: " + e.getMessage(),
                    e);
        }
        if (written != record.plaintextSize() || !Checksums.matches(record.checksum(), digest.digest())) {
            throw new QsctlException(ExitCode.ERROR, "segment " + record.id() + " read back as " + written
                    + " bytes that do not match its recorded size (" + record.plaintextSize() + ") and checksum");
        }
        return new RetrieveResult(record.id().hex(), written, stripes, stats.reads.get(), stats.hedges.get(),
                stats.reconstructed.get(), stats.problems.get());
    }

    private CompletableFuture<List<byte[]>> submit(SegmentRecord record, SegmentCipher cipher, int stripe, Stats stats) {
        return CompletableFuture.supplyAsync(() -> readStripe(record, cipher, stripe, stats), context.stripeThreads());
    }

    private List<byte[]> readStripe(SegmentRecord record, SegmentCipher cipher, int index, Stats stats) {
        SegmentLayout layout = record.layout();
        ShardFetcher.Fetched fetched = fetcher.fetch(record, index, layout.dataShards());
        stats.reads.addAndGet(fetched.reads());
        stats.hedges.addAndGet(fetched.hedges());
        stats.problems.addAndGet(fetched.problems().size());
        if (fetched.good() < layout.dataShards()) {
            throw new SegmentUnreadableException(record.id().hex(), index, fetched.good(), layout.dataShards(),
                    layout.totalShards(), describe(fetched));
        }
        byte[][] shards = fetched.shards();
        boolean missingData = false;
        for (int i = 0; i < layout.dataShards(); i++) {
            missingData |= !fetched.present()[i];
        }
        if (missingData) {
            int shardLength = layout.shardLength(record.stripes().get(index).payloadLength());
            // reconstructData writes only the data shards; absent parity shards just need an array
            int stored = ChunkHeader.LENGTH + shardLength;
            byte[] unused = new byte[stored];
            for (int i = 0; i < shards.length; i++) {
                if (!fetched.present()[i]) {
                    shards[i] = i < layout.dataShards() ? new byte[stored] : unused;
                }
            }
            context.codec(layout).reconstructData(shards, fetched.present(), ChunkHeader.LENGTH, shardLength);
            stats.reconstructed.incrementAndGet();
        }
        return StripeDecoder.decode(record, cipher, index, shards);
    }

    private static String describe(ShardFetcher.Fetched fetched) {
        Map<ChunkProblem.Kind, Integer> kinds = new LinkedHashMap<>();
        StringBuilder backends = new StringBuilder();
        for (ChunkProblem problem : fetched.problems()) {
            kinds.merge(problem.kind(), 1, Integer::sum);
            if (backends.length() < 300) {
                backends.append(backends.length() == 0 ? "" : ", ").append(problem.backend());
            }
        }
        StringBuilder text = new StringBuilder();
        kinds.forEach((kind, count) -> text.append(text.length() == 0 ? "" : ", ").append(count).append(' ')
                .append(kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')));
        return text + (backends.length() > 0 ? "; on " + backends : "");
    }

    /** Counters of one retrieve. */
    private static final class Stats {
        final AtomicLong reads = new AtomicLong();
        final AtomicLong hedges = new AtomicLong();
        final AtomicInteger reconstructed = new AtomicInteger();
        final AtomicInteger problems = new AtomicInteger();
    }
}
