package io.qsctl.zstor;

import io.qsctl.common.ExitCode;
import io.qsctl.common.QsctlException;
import io.qsctl.zdb.client.NamespaceInfo;
import io.qsctl.zdb.client.ZdbException;
import io.qsctl.zstor.backend.Backend;
import io.qsctl.zstor.health.BackendHealth;
import io.qsctl.zstor.health.Classification;
import io.qsctl.zstor.health.HealthClassifier;
import io.qsctl.zstor.health.HealthState;
import io.qsctl.zstor.meta.MetadataRepository;
import io.qsctl.zstor.segment.SegmentId;
import io.qsctl.zstor.segment.SegmentRecord;
import io.qsctl.zstor.segment.SegmentRecordCodec;
import io.qsctl.zstor.store.CheckReport;
import io.qsctl.zstor.store.RateLimiter;
import io.qsctl.zstor.store.RebalanceReport;
import io.qsctl.zstor.store.Rebalancer;
import io.qsctl.zstor.store.RepairReport;
import io.qsctl.zstor.store.RetrieveResult;
import io.qsctl.zstor.store.ScrubReport;
import io.qsctl.zstor.store.SegmentChecker;
import io.qsctl.zstor.store.SegmentDeleter;
import io.qsctl.zstor.store.SegmentReader;
import io.qsctl.zstor.store.SegmentRepairer;
import io.qsctl.zstor.store.SegmentSizer;
import io.qsctl.zstor.store.SegmentWriter;
import io.qsctl.zstor.store.ShardIo;
import io.qsctl.zstor.store.StoreContext;
import io.qsctl.zstor.store.StoreResult;
import io.qsctl.zstor.store.WriteRoom;
import io.qsctl.zstor.store.ZStoreConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The erasure-coded, encrypted segment store: the library API the runtime and the CLI use.
 *
 * <pre>{@code
 * try (ZStore store = ZStore.open(ZStoreConfig.of(backends, 16, 4, dataKey, metadata))) {
 *     String id = store.store(in).id();
 *     store.retrieve(id, out);
 * }
 * }</pre>
 *
 * <p>Thread-safe: stores and retrieves may run concurrently. Repairs and rebalances of one
 * segment are serialized within this instance; run one repairing instance per metadata
 * repository (the repository has no compare-and-set).
 */
public final class ZStore implements AutoCloseable {

    /**
     * A data namespace with room for fewer shard chunks than this is full: one more stripe (and the
     * ones in flight with it) would not fit.
     */
    public static final int FULL_RESERVE_CHUNKS = 4;

    private final StoreContext context;
    private final SegmentWriter writer;
    private final SegmentReader reader;
    private final SegmentChecker checker;
    private final SegmentRepairer repairer;
    private final Rebalancer rebalancer;
    private final SegmentDeleter deleter;
    private final Map<SegmentId, ReentrantLock> segmentLocks = new ConcurrentHashMap<>();

    private ZStore(StoreContext context) {
        this.context = context;
        this.writer = new SegmentWriter(context);
        this.reader = new SegmentReader(context);
        this.checker = new SegmentChecker(context);
        this.repairer = new SegmentRepairer(context);
        this.rebalancer = new Rebalancer(context);
        this.deleter = new SegmentDeleter(context);
    }

    public static ZStore open(ZStoreConfig config) {
        return new ZStore(new StoreContext(config));
    }

    /** A store whose backend I/O is {@code door} applied to the real one (a fake around it, in tests). */
    static ZStore open(ZStoreConfig config, UnaryOperator<ShardIo> door) {
        return new ZStore(new StoreContext(config, door));
    }

    public ZStoreConfig config() {
        return context.config();
    }

    /**
     * Stores a stream as a new segment and returns its id. Reads {@code in} to its end (it is not
     * closed). Succeeds degraded when some backends fail, as long as every stripe got at least
     * {@code minShardsPerWrite} shards.
     */
    public StoreResult store(InputStream in) {
        return writer.store(in);
    }

    /**
     * As {@link #store(InputStream)}, but refuses to go beyond {@code roomPerBackend} bytes on each
     * backend: it stops with a {@link io.qsctl.zstor.store.NoRoomException} before the stripe that
     * would, and deletes what it wrote. With {@link WriteRoom#perBackendForOneObject()} this fails
     * a stream of unknown length as soon as it is certain not to fit.
     */
    public StoreResult store(InputStream in, long roomPerBackend) {
        return writer.store(in, roomPerBackend);
    }

    /**
     * How much the data backends can take now: asks each for NSINFO (in parallel) and counts the
     * free space of those that accept writes.
     */
    public WriteRoom room() {
        List<Long> free = new ArrayList<>();
        for (BackendHealth health : status()) {
            if (health.state() != HealthState.HEALTHY) {
                continue;
            }
            long limit = health.limitBytes().orElse(0);
            // 0-db without a size limit is bounded by its disk, which NSINFO's health check already watched
            free.add(limit > 0 ? Math.max(0, limit - health.usedBytes().orElse(0)) : Long.MAX_VALUE);
        }
        return new WriteRoom(context.layout(), context.config().minShardsPerWrite(), free);
    }

    /**
     * Whether a stream fits in {@code roomPerBackend} once compressed as the store would, read as
     * far as it takes to be sure (see {@link SegmentSizer#measure}); nothing is sent anywhere.
     *
     * @param size the stream's length, or -1 if unknown
     */
    public SegmentSizer.Sizing measure(InputStream in, long size, long roomPerBackend) throws IOException {
        return new SegmentSizer(context.layout(), context.compressor()).measure(in, size, roomPerBackend);
    }

    /**
     * Writes segment {@code id} to {@code out}, verified. On failure some bytes may already have
     * been written: write to a temporary file and keep it only when this returns.
     *
     * @throws io.qsctl.zstor.store.SegmentUnreadableException when a stripe has fewer than M good shards
     */
    public RetrieveResult retrieve(String id, OutputStream out) {
        return reader.retrieve(load(id).record(), out);
    }

    /** Reads and verifies every shard chunk of a segment. */
    public CheckReport check(String id) {
        return checker.check(load(id).record(), RateLimiter.unlimited());
    }

    /** Rebuilds every missing, lost, corrupt or misplaced shard chunk of a segment. */
    public RepairReport repair(String id) {
        SegmentId segment = SegmentId.parse(id);
        return locked(segment, () -> {
            Loaded loaded = load(id);
            probe(loaded.record().backends());
            return repairer.repair(loaded.record(), loaded.generation(), RateLimiter.unlimited());
        });
    }

    /**
     * Checks segments at most {@code bytesPerSecond} (0: no limit), and repairs those with
     * problems if {@code repair}.
     *
     * @param ids the segments, or empty for every segment in the metadata
     */
    public ScrubReport scrub(Collection<String> ids, long bytesPerSecond, boolean repair) {
        RateLimiter limiter = new RateLimiter(bytesPerSecond);
        List<String> targets = ids.isEmpty() ? context.config().metadata().list() : List.copyOf(ids);
        List<CheckReport> damaged = new ArrayList<>();
        List<RepairReport> repairs = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        long chunks = 0;
        long bytes = 0;
        int scanned = 0;
        for (String id : targets) {
            Loaded loaded;
            try {
                loaded = load(id);
            } catch (QsctlException e) {
                unreadable.add(id + ": " + e.getMessage());
                continue;
            }
            CheckReport report = checker.check(loaded.record(), limiter);
            scanned++;
            chunks += report.chunksChecked();
            bytes += report.bytesRead();
            if (!report.healthy()) {
                damaged.add(report);
                if (repair) {
                    repairs.add(repair(id));
                }
            }
        }
        return new ScrubReport(scanned, chunks, bytes, damaged, repairs, unreadable);
    }

    /** Moves shards where that spreads segments better over failure domains; at most {@code maxMoves}. */
    public RebalanceReport rebalance(Collection<String> ids, int maxMoves) {
        List<String> targets = ids.isEmpty() ? context.config().metadata().list() : List.copyOf(ids);
        List<RebalanceReport.Move> moves = new ArrayList<>();
        int examined = 0;
        for (String id : targets) {
            if (moves.size() >= maxMoves) {
                break;
            }
            int left = maxMoves - moves.size();
            examined++;
            moves.addAll(locked(SegmentId.parse(id), () -> rebalancer.rebalance(load(id).record(), left)));
        }
        return new RebalanceReport(examined, moves);
    }

    /** Asks every backend for NSINFO (in parallel) and returns their health, in configuration order. */
    public List<BackendHealth> status() {
        List<String> names = context.config().backends().stream().map(Backend::name).toList();
        probe(names);
        return names.stream().map(context.health()::snapshot).toList();
    }

    /** Health as last seen, without asking anyone. */
    public BackendHealth health(String backend) {
        return context.health().snapshot(backend);
    }

    /** The decoded metadata of a segment (for reports and tools; it holds no secret). */
    public SegmentRecord describe(String id) {
        return load(id).record();
    }

    /** Every segment id in the metadata. */
    public List<String> list() {
        return context.config().metadata().list();
    }

    /**
     * Deletes a segment: its metadata first (so it is gone at once), then each chunk whose key
     * still holds it, where reachable. Costs a read per chunk, to never delete a reused key.
     */
    public void delete(String id) {
        SegmentId segment = SegmentId.parse(id);
        locked(segment, () -> {
            SegmentRecord record = load(id).record();
            context.config().metadata().delete(id);
            deleter.delete(record);
            return null;
        });
    }

    @Override
    public void close() {
        context.close();
    }

    private void probe(Collection<String> backendNames) {
        long reserve = FULL_RESERVE_CHUNKS * context.config().shardChunkSize();
        List<CompletableFuture<Void>> probes = new ArrayList<>();
        for (String name : backendNames) {
            context.backend(name).ifPresent(backend -> probes.add(CompletableFuture.runAsync(() -> {
                long start = System.nanoTime();
                try {
                    NamespaceInfo info = context.io().namespaceInfo(backend);
                    Classification classification = HealthClassifier.fromNamespaceInfo(info, context.config().keyMode(),
                            reserve);
                    context.health().probed(name, classification, info, System.nanoTime() - start);
                } catch (ZdbException e) {
                    context.health().failure(name, e);
                }
            }, context.ioThreads())));
        }
        for (CompletableFuture<Void> probe : probes) {
            try {
                probe.join();
            } catch (CompletionException e) {
                // not the backend's failure (that is health's): a bug, thrown as itself
                throw e.getCause() instanceof RuntimeException bug ? bug : e;
            }
        }
    }

    private <T> T locked(SegmentId segment, Supplier<T> work) {
        ReentrantLock lock = segmentLocks.computeIfAbsent(segment, s -> new ReentrantLock());
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    private Loaded load(String id) {
        SegmentId segment = SegmentId.parse(id);
        MetadataRepository.VersionedRecord stored = context.config().metadata().get(segment.hex())
                .orElseThrow(() -> new QsctlException(ExitCode.ERROR, "no object " + segment.hex() + " in the store"));
        return new Loaded(SegmentRecordCodec.decode(stored.record(), segment), stored.generation());
    }

    private record Loaded(SegmentRecord record, long generation) {
    }
}
