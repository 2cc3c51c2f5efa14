package io.qsctl.zstor.meta;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The versions of records as the N metadata backends hold them, with no local index and no locks:
 * reads every backend and decides which version wins, or says in a sentence why none can be given;
 * makes the shards of a version for any slot; scans every record id in batches; probes the
 * backends. {@link ReplicatedMetadataStore} builds the repository on it. Thread-safe.
 */
final class RecordVersions implements AutoCloseable {

    /** The store's own logger: what it logs is the store's to say, whichever class noticed it. */
    private static final Logger log = LoggerFactory.getLogger(ReplicatedMetadataStore.class);

    private static final int BATCH_RECORDS = 128;
    private static final long BATCH_BYTES = 16L * 1024 * 1024;

    private final MetaQuorum quorum;
    private final MetaCluster cluster;
    private final MetaShardCodec codec;
    private final ShardCoder coder;
    private final CorruptionLedger corruption;

    RecordVersions(MetaQuorum quorum, MetaCluster cluster, MetaShardCodec codec) {
        this.quorum = quorum;
        this.cluster = cluster;
        this.codec = codec;
        this.coder = new ShardCoder(quorum);
        this.corruption = new CorruptionLedger(quorum.backends());
    }

    MetaQuorum quorum() {
        return quorum;
    }

    String name(int backend) {
        return cluster.name(backend);
    }

    /** Both slots of one record on every backend. */
    List<BackendView> observe(String id) {
        return cluster.observe(id);
    }

    /** Applies each backend's slot changes; backends in parallel. */
    Map<Integer, Outcome<Boolean>> apply(Map<Integer, List<SlotWrite>> writes) {
        return cluster.apply(writes);
    }

    /**
     * Decides, noting damaged slots, or throws a message that names the backends that did not
     * answer and those holding damaged shards.
     *
     * @param action what the caller was doing, for the message ("read", "write", "delete", "repair")
     */
    Resolution resolve(String id, List<BackendView> views, String action) {
        corruption.note(id, views);
        Resolution resolution = GenerationResolver.resolve(quorum, views);
        if (!(resolution instanceof Resolution.WrongKey)) {
            logDamage(id, views);
        }
        if (resolution instanceof Resolution.WrongKey wrongKey) {
            throw new WrongMetadataKeyException("cannot " + action + " metadata record " + id + ": its shards on "
                    + Explain.plural(wrongKey.backends(), "metadata backend") + " were written under a different"
                    + " metadata key; check that the key was derived from this cluster's mnemonic");
        }
        if (resolution instanceof Resolution.Undecided undecided) {
            String why = undecided.generation() == 0
                    ? "only " + views.stream().filter(BackendView::fullyKnown).count() + " of " + quorum.backends()
                    + " metadata backends answered with intact slots, and a version could be stored entirely on the"
                    + " others (" + quorum.readQuorum() + " are needed when every backend holds the newest version)"
                    : "its newest generation " + undecided.generation() + " has "
                    + Explain.plural(undecided.validShards(), "valid shard") + " in view, " + quorum.dataShards()
                    + " are needed to read it, and the backends that did not answer could hold the rest";
            throw new MetadataUnavailableException("cannot " + action + " metadata record " + id + ": " + why
                    + "; unreachable: " + Explain.unreachable(cluster.backends(), views)
                    + "; damaged shards: " + Explain.damaged(cluster.backends(), views));
        }
        return resolution;
    }

    private void logDamage(String id, List<BackendView> views) {
        for (int i = 0; i < views.size(); i++) {
            if (views.get(i) instanceof BackendView.Answered a && a.anyInvalid()) {
                log.warn("metadata record {} on backend {}: {}; skipped, repair rewrites it", id, cluster.name(i),
                        Explain.slots(a));
            }
        }
    }

    /** Refuses before anything is written when fewer than W backends answered the read. */
    void requireWritable(String id, List<BackendView> views, String action) {
        long answered = Explain.answered(views);
        if (answered < quorum.writeQuorum()) {
            throw new MetadataUnavailableException("cannot " + action + " metadata record " + id + ": only "
                    + answered + " of " + quorum.backends() + " metadata backends are reachable and "
                    + quorum.writeQuorum() + " must acknowledge a write; unreachable: "
                    + Explain.unreachable(cluster.backends(), views) + ". Nothing was written");
        }
    }

    /** The sealed record of the winning version, joined from its valid shards. */
    byte[] sealedRecord(Resolution.Live live) {
        Map<Integer, byte[]> bodies = new HashMap<>();
        live.shards().forEach((index, shard) -> bodies.put(index, shard.body()));
        return coder.join(bodies, live.payloadLength());
    }

    /** The generation of the winning version (record or tombstone); 0 when there is none. */
    static long winner(Resolution resolution) {
        if (resolution instanceof Resolution.Live live) {
            return live.generation();
        }
        if (resolution instanceof Resolution.Deleted deleted) {
            return deleted.generation();
        }
        return 0;
    }

    /** The shard bodies of a version: the sealed record split, or empty ones for a tombstone ({@code sealed} null). */
    byte[][] bodies(byte[] sealed) {
        return sealed == null ? new byte[quorum.backends()][0] : coder.split(sealed);
    }

    /** Backend {@code backend}'s shard of a version, to be stored in {@code slot}. */
    SlotWrite.Store shard(String id, int backend, int slot, long generation, byte[] sealed, byte[][] bodies) {
        MetaShard shard = new MetaShard(backend, quorum.backends(), quorum.dataShards(), generation, sealed == null,
                sealed == null ? 0 : sealed.length, bodies[backend]);
        return new SlotWrite.Store(Slots.key(id, slot), codec.encode(id, shard));
    }

    /** A backend is whole again for this record: it leaves the damaged list. */
    void repaired(int backend, String id) {
        corruption.clear(backend, id);
    }

    /**
     * Probes every backend now (PING) and reports it reachable, unreachable (with the reason) or
     * holding damaged shards (seen by reads since this store opened and not repaired since).
     */
    MetadataHealth health() {
        List<Outcome<Boolean>> pings = cluster.ping();
        List<BackendHealth> backends = new ArrayList<>();
        for (int i = 0; i < pings.size(); i++) {
            BackendState state;
            if (pings.get(i) instanceof Outcome.Failed<Boolean> failed) {
                state = new BackendState.Unreachable(failed.reason());
            } else {
                List<String> damaged = corruption.ids(i);
                state = damaged.isEmpty() ? new BackendState.Reachable() : new BackendState.Corrupt(damaged);
            }
            backends.add(new BackendHealth(cluster.name(i), state));
        }
        return new MetadataHealth(quorum, backends);
    }

    /**
     * Every record id any backend holds a key of (SCAN of every backend), each with what the
     * backends show and what wins, in id order, read in batches bounded by count and bytes.
     *
     * @throws MetadataUnavailableException when too few backends can be scanned for a listing to be complete
     */
    MetaCluster.Scan forEachRecord(RecordVisitor visitor) {
        MetaCluster.Scan scan = cluster.scan();
        int unscanned = scan.failed().size();
        if (unscanned >= quorum.writeQuorum()) {
            throw new MetadataUnavailableException("cannot list the metadata records: only "
                    + (quorum.backends() - unscanned) + " of " + quorum.backends() + " metadata backends could be"
                    + " scanned, " + (quorum.backends() - quorum.writeQuorum() + 1) + " needed; failed: "
                    + String.join(", ", scan.failed()));
        }
        List<String> candidates = new ArrayList<>();
        scan.seen().forEach((id, seen) -> {
            // fewer keys than data shards, even counting every backend not scanned: never readable, never committed
            if (seen.backends() + unscanned >= quorum.dataShards()) {
                candidates.add(id);
            }
        });
        candidates.sort(null);
        int from = 0;
        while (from < candidates.size()) {
            // bounded by count and by bytes, so a batch of large records does not fill the heap
            int to = from;
            long bytes = 0;
            while (to < candidates.size() && to - from < BATCH_RECORDS && (to == from || bytes < BATCH_BYTES)) {
                bytes += Slots.COUNT * scan.seen().get(candidates.get(to)).largestValue();
                to++;
            }
            List<String> batch = candidates.subList(from, to);
            Map<String, List<BackendView>> views = cluster.observe(batch);
            for (String id : batch) {
                List<BackendView> recordViews = views.get(id);
                Resolution resolution = GenerationResolver.resolve(quorum, recordViews);
                if (resolution instanceof Resolution.WrongKey) {
                    resolve(id, recordViews, "read");
                }
                corruption.note(id, recordViews);
                visitor.visit(id, recordViews, resolution);
            }
            from = to;
        }
        return scan;
    }

    /** At most five ids of a collection, sorted, for a message. */
    static String sample(Collection<String> ids) {
        List<String> sorted = new ArrayList<>(ids);
        sorted.sort(null);
        return sorted.size() <= 5 ? String.join(", ", sorted) : String.join(", ", sorted.subList(0, 5)) + ", ...";
    }

    @Override
    public void close() {
        cluster.close();
    }

    /** One record met by {@link #forEachRecord}. */
    @FunctionalInterface
    interface RecordVisitor {
        void visit(String id, List<BackendView> views, Resolution resolution);
    }
}
