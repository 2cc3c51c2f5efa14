package io.qsctl.zstor.store;

import io.qsctl.zstor.backend.Backend;
import io.qsctl.zstor.meta.MetadataRepository;
import io.qsctl.zstor.segment.KeyMode;
import io.qsctl.zstor.segment.SegmentLayout;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How a {@link io.qsctl.zstor.ZStore} runs. Immutable; start from {@link #of} and change what differs with the
 * {@code with...} methods.
 *
 * @param backends          the data backends (0-db namespaces); at least {@code dataShards + parityShards}
 * @param dataShards        M: shards that carry data; any M of the M+K rebuild a stripe
 * @param parityShards      K: parity shards, the number of lost shards a stripe survives
 * @param minShardsPerWrite a store succeeds when every stripe has at least this many shards
 *                          written (default M+1, never below M): the rest are recorded missing and
 *                          the segment is degraded until repair completes it
 * @param shardChunkSize    S: bytes of each shard per stripe, 64 KiB to 8 MiB (0-db's value limit);
 *                          a stripe carries about M x S bytes
 * @param compressionLevel  zstd level per chunk, 0 for none; incompressible chunks are stored raw anyway
 * @param dataKey           the 32-byte data key every segment key is derived from; copied, never printed
 * @param metadata          where segment records go
 * @param keyMode           how the data namespaces key chunks: {@link KeyMode#SEQ} (the grid's) or {@link KeyMode#USER}
 * @param parallelism       threads that encode and decode stripes
 * @param stripesInFlight   stripes encoded, written or read at once by one store or retrieve; memory
 *                          is about this times {@link SegmentLayout#stripeMemory()}
 * @param connectTimeout    to connect to a backend
 * @param commandTimeout    longest wait for a backend to make progress on one command
 * @param hedgeMinDelay     a read waits at least this long (and 3 times the backend's usual latency)
 *                          before asking one more backend
 * @param recheckAfter      an unwritable backend is skipped by writes for this long, then tried again
 */
public record ZStoreConfig(List<Backend> backends, int dataShards, int parityShards, int minShardsPerWrite,
        int shardChunkSize, int compressionLevel, byte[] dataKey, MetadataRepository metadata, KeyMode keyMode,
        int parallelism, int stripesInFlight, Duration connectTimeout, Duration commandTimeout, Duration hedgeMinDelay,
        Duration recheckAfter) {

    /**
     * A little under 1 MiB: a stored chunk (this, its 24-byte header and the array header) and the
     * client's copy of it each fit one 1 MiB G1 region, the region size on heaps under 2 GiB.
     * With exactly 1 MiB every chunk would take two regions and waste half of them.
     */
    public static final int DEFAULT_SHARD_CHUNK = 1024 * 1024 - 4096;
    public static final int DEFAULT_COMPRESSION_LEVEL = 1;

    public ZStoreConfig {
        backends = List.copyOf(backends);
        Objects.requireNonNull(dataKey, "dataKey");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(keyMode, "keyMode");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        Objects.requireNonNull(hedgeMinDelay, "hedgeMinDelay");
        Objects.requireNonNull(recheckAfter, "recheckAfter");
        dataKey = dataKey.clone();
        // validates M, K and S
        SegmentLayout.of(dataShards, parityShards, shardChunkSize);
        if (dataKey.length != 32) {
            throw new IllegalArgumentException("the data key has 32 bytes, not " + dataKey.length);
        }
        if (backends.size() < dataShards + parityShards) {
            throw new IllegalArgumentException(dataShards + "+" + parityShards + " shards need at least "
                    + (dataShards + parityShards) + " backends, there are " + backends.size());
        }
        Set<String> names = new HashSet<>();
        for (Backend backend : backends) {
            if (!names.add(backend.name())) {
                throw new IllegalArgumentException("two backends are named " + backend.name());
            }
        }
        if (minShardsPerWrite < dataShards || minShardsPerWrite > dataShards + parityShards) {
            throw new IllegalArgumentException("minShardsPerWrite must be between " + dataShards + " and "
                    + (dataShards + parityShards) + ", not " + minShardsPerWrite);
        }
        if (compressionLevel < 0 || compressionLevel > 22) {
            throw new IllegalArgumentException("compression level must be 0 (off) to 22, not " + compressionLevel);
        }
        if (parallelism < 1 || stripesInFlight < 1) {
            throw new IllegalArgumentException("parallelism and stripesInFlight must be at least 1");
        }
    }

    /**
     * Defaults: M+1 shards per write, shard chunks just under 1 MiB, zstd level 1, seq mode, and
     * {@link #defaultStripesInFlight stripes in flight} as the heap allows.
     */
    public static ZStoreConfig of(List<Backend> backends, int dataShards, int parityShards, byte[] dataKey,
            MetadataRepository metadata) {
        return new ZStoreConfig(backends, dataShards, parityShards, defaultMinShardsPerWrite(dataShards, parityShards),
                DEFAULT_SHARD_CHUNK, DEFAULT_COMPRESSION_LEVEL, dataKey, metadata, KeyMode.SEQ,
                Runtime.getRuntime().availableProcessors(),
                defaultStripesInFlight(SegmentLayout.of(dataShards, parityShards, DEFAULT_SHARD_CHUNK),
                        Runtime.getRuntime().maxMemory()),
                Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMillis(50), Duration.ofSeconds(30));
    }

    /** Shards a write needs by default: M+1 (one more than a read needs), or all when K is 0. */
    public static int defaultMinShardsPerWrite(int dataShards, int parityShards) {
        return Math.min(dataShards + 1, dataShards + parityShards);
    }

    /**
     * 2 to 4 stripes in flight: as many as fit three times over in the heap. More stripes in flight
     * keep backends and cores busy while one stripe waits (retrieving 256 MiB over 20 local backends
     * went from about 200 to 330 MB/s with 4 instead of 2); fewer keep a small heap safe (with 16+4
     * a stripe in flight holds up to about 50 MB, so a 256 MiB heap gets 2).
     */
    public static int defaultStripesInFlight(SegmentLayout layout, long maxHeap) {
        long fit = maxHeap / (3 * layout.stripeMemory());
        return (int) Math.max(2, Math.min(4, fit));
    }

    /** The data key (a copy). */
    @Override
    public byte[] dataKey() {
        return dataKey.clone();
    }

    public SegmentLayout layout() {
        return SegmentLayout.of(dataShards, parityShards, shardChunkSize);
    }

    public ZStoreConfig withBackends(List<Backend> value) {
        return new ZStoreConfig(value, dataShards, parityShards, minShardsPerWrite, shardChunkSize, compressionLevel,
                dataKey, metadata, keyMode, parallelism, stripesInFlight, connectTimeout, commandTimeout, hedgeMinDelay,
                recheckAfter);
    }

    public ZStoreConfig withMinShardsPerWrite(int value) {
        return new ZStoreConfig(backends, dataShards, parityShards, value, shardChunkSize, compressionLevel, dataKey,
                metadata, keyMode, parallelism, stripesInFlight, connectTimeout, commandTimeout, hedgeMinDelay,
                recheckAfter);
    }

    public ZStoreConfig withShardChunkSize(int value) {
        return new ZStoreConfig(backends, dataShards, parityShards, minShardsPerWrite, value, compressionLevel, dataKey,
                metadata, keyMode, parallelism, stripesInFlight, connectTimeout, commandTimeout, hedgeMinDelay,
                recheckAfter);
    }

    public ZStoreConfig withCompressionLevel(int value) {
        return new ZStoreConfig(backends, dataShards, parityShards, minShardsPerWrite, shardChunkSize, value, dataKey,
                metadata, keyMode, parallelism, stripesInFlight, connectTimeout, commandTimeout, hedgeMinDelay,
                recheckAfter);
    }

    public ZStoreConfig withKeyMode(KeyMode value) {
        return new ZStoreConfig(backends, dataShards, parityShards, minShardsPerWrite, shardChunkSize, compressionLevel,
                dataKey, metadata, value, parallelism, stripesInFlight, connectTimeout, commandTimeout, hedgeMinDelay,
                recheckAfter);
    }

    public ZStoreConfig withParallelism(int value) {
        return new ZStoreConfig(backends, dataShards, parityShards, minShardsPerWrite, shardChunkSize, compressionLevel,
                dataKey, metadata, keyMode, value, stripesInFlight, connectTimeout, commandTimeout, hedgeMinDelay,
                recheckAfter);
    }

    public ZStoreConfig withStripesInFlight(int value) {
        return new ZStoreConfig(backends, dataShards, parityShards, minShardsPerWrite, shardChunkSize, compressionLevel,
                dataKey, metadata, keyMode, parallelism, value, connectTimeout, commandTimeout, hedgeMinDelay,
                recheckAfter);
    }

    public ZStoreConfig withTimeouts(Duration connect, Duration command) {
        return new ZStoreConfig(backends, dataShards, parityShards, minShardsPerWrite, shardChunkSize, compressionLevel,
                dataKey, metadata, keyMode, parallelism, stripesInFlight, connect, command, hedgeMinDelay, recheckAfter);
    }

    public ZStoreConfig withHedgeMinDelay(Duration value) {
        return new ZStoreConfig(backends, dataShards, parityShards, minShardsPerWrite, shardChunkSize, compressionLevel,
                dataKey, metadata, keyMode, parallelism, stripesInFlight, connectTimeout, commandTimeout, value,
                recheckAfter);
    }

    public ZStoreConfig withRecheckAfter(Duration value) {
        return new ZStoreConfig(backends, dataShards, parityShards, minShardsPerWrite, shardChunkSize, compressionLevel,
                dataKey, metadata, keyMode, parallelism, stripesInFlight, connectTimeout, commandTimeout, hedgeMinDelay,
                value);
    }

    /** Equality by value would compare the key; configs are compared by identity. */
    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    /** Never shows the data key; backends hide their passwords. */
    @Override
    public String toString() {
        return "ZStoreConfig[" + dataShards + "+" + parityShards + " over " + backends.size() + " backends, min "
                + minShardsPerWrite + " shards per write, shard chunk " + shardChunkSize + ", zstd " + compressionLevel
                + ", " + keyMode + ", parallelism " + parallelism + ", " + stripesInFlight + " stripes in flight]";
    }
}
