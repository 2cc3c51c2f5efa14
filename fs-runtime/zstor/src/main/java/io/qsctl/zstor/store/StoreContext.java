package io.qsctl.zstor.store;

import io.qsctl.zstor.backend.Backend;
import io.qsctl.zstor.codec.ReedSolomon;
import io.qsctl.zstor.compress.ChunkCompressor;
import io.qsctl.zstor.crypto.SegmentCipher;
import io.qsctl.zstor.health.HealthTracker;
import io.qsctl.zstor.segment.SegmentId;
import io.qsctl.zstor.segment.SegmentLayout;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * What every part of the store shares: configuration, codec, compressor, backends, health,
 * connections and threads. Created and closed by {@link io.qsctl.zstor.ZStore}.
 */
public final class StoreContext implements AutoCloseable {

    /** A corrupt backend is one that returned this many chunks failing their checksum. */
    static final int CORRUPT_THRESHOLD = 8;

    private final ZStoreConfig config;
    private final SegmentLayout layout;
    private final ReedSolomon codec;
    /** Codes of stored segments other than today's. */
    private final Map<Code, ReedSolomon> otherCodecs = new ConcurrentHashMap<>();
    private final ChunkCompressor compressor;
    private final Map<String, Backend> backends = new LinkedHashMap<>();
    private final HealthTracker health;
    private final ShardIo io;
    private final ExecutorService stripeThreads;
    private final ExecutorService ioThreads;
    private final byte[] dataKey;

    public StoreContext(ZStoreConfig config) {
        this(config, UnaryOperator.identity());
    }

    /**
     * A context whose backend I/O is {@code door} applied to the real one: how a test puts a fake
     * around the store's only door to its backends.
     */
    public StoreContext(ZStoreConfig config, UnaryOperator<ShardIo> door) {
        this.config = config;
        this.layout = config.layout();
        this.codec = ReedSolomon.create(config.dataShards(), config.parityShards());
        this.compressor = new ChunkCompressor(config.compressionLevel());
        config.backends().forEach(b -> backends.put(b.name(), b));
        this.health = new HealthTracker(Clock.systemUTC(), config.recheckAfter(), CORRUPT_THRESHOLD);
        // a stripe in flight may hold a connection per shard, plus hedged and repair reads
        this.io = door.apply(new ZdbShardIo(health, config.connectTimeout(), config.commandTimeout(),
                config.stripesInFlight() + 2));
        this.stripeThreads = Executors.newFixedThreadPool(Math.max(config.parallelism(), config.stripesInFlight()),
                daemon("zstor-stripe"));
        // blocking calls to backends; bounded in practice by stripes in flight x shards
        this.ioThreads = Executors.newCachedThreadPool(daemon("zstor-io"));
        this.dataKey = config.dataKey();
    }

    public ZStoreConfig config() {
        return config;
    }

    public SegmentLayout layout() {
        return layout;
    }

    public ReedSolomon codec() {
        return codec;
    }

    /**
     * The codec of a stored segment (its M and K may differ from today's configuration): one per
     * code, kept, so that its decoding matrices are cached across stripes and segments.
     */
    public ReedSolomon codec(SegmentLayout stored) {
        if (stored.dataShards() == codec.dataShards() && stored.parityShards() == codec.parityShards()) {
            return codec;
        }
        // few codes ever: those the configuration had over the cluster's life
        return otherCodecs.computeIfAbsent(new Code(stored.dataShards(), stored.parityShards()),
                code -> ReedSolomon.create(code.dataShards(), code.parityShards(), codec.kernel()));
    }

    public ChunkCompressor compressor() {
        return compressor;
    }

    public Map<String, Backend> backends() {
        return backends;
    }

    public Optional<Backend> backend(String name) {
        return Optional.ofNullable(backends.get(name));
    }

    public HealthTracker health() {
        return health;
    }

    public ShardIo io() {
        return io;
    }

    public ExecutorService stripeThreads() {
        return stripeThreads;
    }

    public ExecutorService ioThreads() {
        return ioThreads;
    }

    public SegmentCipher cipher(SegmentId id) {
        return SegmentCipher.forSegment(dataKey, id.bytes());
    }

    @Override
    public void close() {
        stripeThreads.shutdownNow();
        ioThreads.shutdownNow();
        try {
            stripeThreads.awaitTermination(10, TimeUnit.SECONDS);
            ioThreads.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        io.close();
        compressor.close();
        Arrays.fill(dataKey, (byte) 0);
    }

    /** A Reed-Solomon code by its shape. */
    private record Code(int dataShards, int parityShards) {
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
