package io.qsctl.zstor.store;

import io.qsctl.common.QsctlException;
import io.qsctl.zdb.client.ZdbException;
import io.qsctl.zstor.backend.Backend;
import io.qsctl.zstor.codec.ReedSolomon;
import io.qsctl.zstor.compress.ChunkCompressor;
import io.qsctl.zstor.crypto.Checksums;
import io.qsctl.zstor.crypto.SegmentCipher;
import io.qsctl.zstor.meta.MetadataRepository;
import io.qsctl.zstor.placement.Placement;
import io.qsctl.zstor.segment.KeyMode;
import io.qsctl.zstor.segment.SegmentId;
import io.qsctl.zstor.segment.SegmentLayout;
import io.qsctl.zstor.segment.SegmentRecord;
import io.qsctl.zstor.segment.SegmentRecordCodec;
import io.qsctl.zstor.segment.ShardChunk;
import io.qsctl.zstor.segment.Stripe;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores one segment from a stream, with bounded memory: stripes are read, encoded and written
 * while at most {@code stripesInFlight} are held. Each shard of a stripe goes to its own
 * backend, all in parallel.
 *
 * <p><b>Degraded writes.</b> A backend that fails (or that health already knows to be
 * unwritable) is given up for the rest of the segment; its shard chunks are recorded missing,
 * with their checksums, for repair to write later. The store succeeds when every stripe has at
 * least {@code minShardsPerWrite} shards written; otherwise it stops as soon as that cannot be
 * met, deletes what it wrote and throws. Metadata is written last: a segment either has a
 * record naming only written (or honestly missing) chunks, or it does not exist. A record write
 * that fails is withdrawn before the chunks are deleted (see {@link #commit}).
 */
public final class SegmentWriter {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentWriter.class);

    private final StoreContext context;

    public SegmentWriter(StoreContext context) {
        this.context = context;
    }

    public StoreResult store(InputStream input) {
        return store(input, Long.MAX_VALUE);
    }

    /**
     * As {@link #store(InputStream)}, but stops with a {@link NoRoomException} (and nothing stored)
     * as soon as the segment's shards would need more than {@code roomPerBackend} bytes on each
     * backend: before the stripe that would go over is sent.
     */
    public StoreResult store(InputStream input, long roomPerBackend) {
        ZStoreConfig config = context.config();
        SegmentLayout layout = context.layout();
        SegmentId id = SegmentId.random();
        List<Backend> targets = Placement.choose(id, config.backends(), context.health()::state, layout.totalShards());
        Attempt attempt = new Attempt(id, targets, context.cipher(id), roomPerBackend);
        MessageDigest digest = Checksums.sha256();
        StripeInput stripes = new StripeInput(input, layout.chunkPlainSize());
        Semaphore window = new Semaphore(config.stripesInFlight());
        List<CompletableFuture<Stripe>> pending = new ArrayList<>();
        long size = 0;
        SegmentRecord record;
        try {
            for (int index = 0; ; index++) {
                attempt.throwIfFailed();
                // wait for room before reading: the window bounds the plaintext held too
                window.acquire();
                StripeInput.PlainStripe plain = stripes.next(layout.chunksPerStripe());
                plain.chunks().forEach(digest::update);
                size += plain.length();
                boolean last = plain.last();
                int stripe = index;
                pending.add(CompletableFuture
                        .supplyAsync(() -> attempt.writeStripe(stripe, plain, last), context.stripeThreads())
                        .whenComplete((result, error) -> {
                            window.release();
                            if (error != null) {
                                attempt.fail(error);
                            }
                        }));
                if (last) {
                    break;
                }
            }
            List<Stripe> written = new ArrayList<>(pending.size());
            for (CompletableFuture<Stripe> stripe : pending) {
                written.add(stripe.join());
            }
            record = new SegmentRecord(id, layout, ReedSolomon.MATRIX_ID, SegmentCipher.ALGORITHM_ID,
                    config.compressionLevel() > 0 ? ChunkCompressor.ALGORITHM_ID : ChunkCompressor.NONE,
                    Checksums.SEGMENT_ALGORITHM, size, digest.digest(), Checksums.CHUNK_ALGORITHM, config.keyMode(),
                    System.currentTimeMillis(), written);
        } catch (IOException e) {
            abandon(attempt, pending);
            throw new StoreFailedException("cannot store segment " + id + ": reading the input failed: " + e.getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon(attempt, pending);
            throw new StoreFailedException("storing segment " + id + " was interrupted", e);
        } catch (RuntimeException e) {
            abandon(attempt, pending);
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof StoreFailedException failed) {
                throw failed;
            }
            if (cause instanceof QsctlException failed) {
                throw new StoreFailedException("cannot store segment " + id + ": " + failed.getMessage(), failed);
            }
            // a bug (in a stripe's encoding, say) is thrown as itself, not dressed up as a store that failed
            throw rethrown(cause);
        }
        long generation = commit(record, attempt, pending);
        if (record.degraded()) {
            LOG.warn("segment {} stored degraded: {} shard chunks missing (repair completes it)", id,
                    record.missingCount());
        }
        return new StoreResult(id.hex(), size, record.stripes().size(), record.missingCount(), generation);
    }

    /**
     * Writes the record, the last step. A write the metadata store refuses may still have left
     * enough shards on some backends to be read later (a write quorum not reached is not the same
     * as nothing written). So the record is withdrawn first, with a tombstone above it, and only
     * then are the chunks deleted. If it cannot be withdrawn either, the chunks stay: a record
     * that surfaces later then reads whole instead of pointing at deleted data.
     */
    private long commit(SegmentRecord record, Attempt attempt, List<CompletableFuture<Stripe>> pending) {
        MetadataRepository metadata = context.config().metadata();
        SegmentId id = record.id();
        try {
            return metadata.put(id.hex(), SegmentRecordCodec.encode(record));
        } catch (QsctlException | UncheckedIOException writeFailed) {
            // what a repository says when it cannot make a record durable (its contract); anything
            // else is a bug, thrown as itself with the chunks kept
            try {
                metadata.delete(id.hex());
            } catch (QsctlException | UncheckedIOException withdrawFailed) {
                writeFailed.addSuppressed(withdrawFailed);
                LOG.warn("segment {}: its record could not be written nor withdrawn ({}); its {} chunks are kept so "
                        + "that it reads whole if the record surfaces", id, withdrawFailed.getMessage(),
                        attempt.written().size());
                throw new StoreFailedException("cannot store segment " + id + ": " + writeFailed.getMessage()
                        + ". The record may still become readable when those backends return, and withdrawing it "
                        + "failed too (" + withdrawFailed.getMessage() + "), so the segment's chunks were kept: if "
                        + id.hex() + " appears in listings it reads whole; delete it then", writeFailed);
            }
            abandon(attempt, pending);
            throw new StoreFailedException("cannot store segment " + id + ": " + writeFailed.getMessage(), writeFailed);
        }
    }

    /** Waits for stripes still running, then deletes every chunk written: nothing will point to them. */
    private void abandon(Attempt attempt, List<CompletableFuture<Stripe>> pending) {
        attempt.fail(new StoreFailedException("storing segment " + attempt.id + " was abandoned"));
        for (CompletableFuture<Stripe> stripe : pending) {
            try {
                stripe.join();
            } catch (CompletionException | CancellationException ignored) {
                // each stripe's failure went to attempt.fail when it ended; the first one is reported
            }
        }
        int deleted = 0;
        int failed = 0;
        for (Written chunk : attempt.written()) {
            try {
                context.io().delete(chunk.backend(), chunk.key());
                deleted++;
            } catch (ZdbException e) {
                failed++;
                LOG.debug("could not delete chunk {} of abandoned segment {} on {}: {}",
                        HexFormat.of().formatHex(chunk.key()), attempt.id, chunk.backend().name(), e.getMessage());
            }
        }
        if (deleted + failed > 0) {
            LOG.info("segment {} abandoned: deleted {} chunks already written{}", attempt.id, deleted,
                    failed > 0 ? ", " + failed + " could not be deleted (unreachable)" : "");
        }
    }

    /** A failure that is not the store's to explain (a bug), to be thrown as it is. */
    private static RuntimeException rethrown(Throwable bug) {
        if (bug instanceof Error error) {
            throw error;
        }
        return bug instanceof RuntimeException runtime ? runtime : new IllegalStateException(bug);
    }

    /** A chunk written during an attempt, to delete if the attempt fails. */
    private record Written(Backend backend, byte[] key) {
    }

    /** The state of one store: which backends were given up, what was written, the first failure. */
    private final class Attempt {

        final SegmentId id;
        final List<Backend> targets;
        final SegmentCipher cipher;
        final StripeEncoder encoder;
        final AtomicReferenceArray<String> givenUp;
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final List<Written> written = new ArrayList<>();
        final long roomPerBackend;
        final AtomicLong perBackend = new AtomicLong();
        /** Marks the failure "too few backends accept writes"; its message is made when thrown, with the count then. */
        final RuntimeException tooFewBackends = new RuntimeException("too few backends accept writes");

        Attempt(SegmentId id, List<Backend> targets, SegmentCipher cipher, long roomPerBackend) {
            this.id = id;
            this.targets = targets;
            this.cipher = cipher;
            this.roomPerBackend = roomPerBackend;
            this.encoder = new StripeEncoder(context.layout(), context.compressor(), context.codec());
            this.givenUp = new AtomicReferenceArray<>(targets.size());
        }

        Stripe writeStripe(int index, StripeInput.PlainStripe plain, boolean last) {
            throwIfFailed();
            EncodedStripe encoded = encoder.encode(id, cipher, index, plain.chunks(), last);
            // every shard chunk of a stripe has the same length, and every backend gets one per stripe
            long stored = perBackend.addAndGet(encoded.shards()[0].length);
            if (stored > roomPerBackend) {
                throw new NoRoomException("cannot store segment " + id + ": it needs more than " + roomPerBackend
                        + " bytes on each of its backends, and that is all the room they have", stored, roomPerBackend);
            }
            List<CompletableFuture<ShardChunk>> shards = new ArrayList<>(targets.size());
            for (int shard = 0; shard < targets.size(); shard++) {
                int s = shard;
                shards.add(CompletableFuture.supplyAsync(() -> writeShard(index, s, encoded.shards()[s]),
                        context.ioThreads()));
            }
            List<ShardChunk> chunks = new ArrayList<>(targets.size());
            CompletionException bug = null;
            for (CompletableFuture<ShardChunk> shard : shards) {
                // every shard waited for, even after one threw: what they wrote must be in
                // written() before an abandon reads it
                try {
                    chunks.add(shard.join());
                } catch (CompletionException e) {
                    bug = bug == null ? e : bug;
                }
            }
            if (bug != null) {
                throw bug;
            }
            // a failure found meanwhile (too many backends given up) says more than this stripe's count
            throwIfFailed();
            Stripe stripe = new Stripe(encoded.payloadLength(), encoded.chunks(), chunks);
            int needed = context.config().minShardsPerWrite();
            if (stripe.okCount() < needed) {
                throw new StoreFailedException("cannot store segment " + id + ": stripe " + index + " has "
                        + stripe.okCount() + " of " + targets.size() + " shards written, at least " + needed
                        + " are required; backends failing: " + failingBackends());
            }
            return stripe;
        }

        private ShardChunk writeShard(int stripe, int shard, byte[] data) {
            Backend backend = targets.get(shard);
            byte[] checksum = Checksums.chunk(data);
            if (givenUp.get(shard) != null) {
                return ShardChunk.missing(backend.name(), checksum);
            }
            // what health already knows is counted even after the attempt failed: it costs no
            // I/O, and it makes the count of refusing backends in the error true
            if (!context.health().tryWrite(backend.name())) {
                giveUp(shard, context.health().snapshot(backend.name()).reason());
                return ShardChunk.missing(backend.name(), checksum);
            }
            if (failure.get() != null) {
                return ShardChunk.missing(backend.name(), checksum);
            }
            try {
                byte[] userKey = context.config().keyMode() == KeyMode.USER
                        ? ChunkKeys.user(id, stripe, shard) : null;
                byte[] key = context.io().write(backend, context.config().keyMode(), userKey, data);
                synchronized (written) {
                    written.add(new Written(backend, key));
                }
                return ShardChunk.written(backend.name(), key, checksum);
            } catch (ZdbException e) {
                giveUp(shard, e.getMessage());
                return ShardChunk.missing(backend.name(), checksum);
            }
        }

        private void giveUp(int shard, String why) {
            if (givenUp.compareAndSet(shard, null, why)) {
                LOG.warn("segment {}: backend {} gave up for shard {}: {}", id, targets.get(shard).name(), shard, why);
                int lost = 0;
                for (int i = 0; i < givenUp.length(); i++) {
                    lost += givenUp.get(i) != null ? 1 : 0;
                }
                if (targets.size() - lost < context.config().minShardsPerWrite()) {
                    fail(tooFewBackends);
                }
            }
        }

        private String failingBackends() {
            List<String> failing = new ArrayList<>();
            for (int i = 0; i < givenUp.length(); i++) {
                if (givenUp.get(i) != null) {
                    failing.add(targets.get(i).name() + " (" + givenUp.get(i) + ")");
                }
            }
            return failing.isEmpty() ? "none" : String.join(", ", failing);
        }

        void fail(Throwable error) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            failure.compareAndSet(null, cause);
        }

        void throwIfFailed() {
            Throwable error = failure.get();
            if (error == tooFewBackends) {
                // counted now, not when the limit was crossed: the other shards were being written
                // in parallel then, and their failures belong in the count
                int refused = 0;
                for (int i = 0; i < givenUp.length(); i++) {
                    refused += givenUp.get(i) != null ? 1 : 0;
                }
                int needed = context.config().minShardsPerWrite();
                throw new StoreFailedException("cannot store segment " + id + ": " + refused + " of " + targets.size()
                        + " backends refused writes, and every stripe needs " + needed + " of the " + targets.size()
                        + " (at most " + (targets.size() - needed) + " may fail); backends failing: " + failingBackends());
            }
            if (error instanceof StoreFailedException failed) {
                throw failed;
            }
            if (error instanceof QsctlException failed) {
                throw new StoreFailedException("cannot store segment " + id + ": " + failed.getMessage(), failed);
            }
            if (error != null) {
                throw rethrown(error);
            }
        }

        List<Written> written() {
            synchronized (written) {
                return List.copyOf(written);
            }
        }
    }
}
