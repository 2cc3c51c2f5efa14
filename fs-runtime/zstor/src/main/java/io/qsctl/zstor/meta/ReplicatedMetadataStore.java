package io.qsctl.zstor.meta;

import io.qsctl.zstor.backend.Backend;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Metadata records kept on N 0-db namespaces (user mode), encrypted with the metadata key and
 * Reed-Solomon coded so that any D of the N shards rebuild a record, with a local cache of the
 * sealed records. See {@link MetaQuorum} for D and the quorums (4 backends: 2 data + 2 parity,
 * writes need 3 acknowledgements, reads need 2 backends) and {@code docs/zstor-metadata.md} for
 * the formats and rules.
 *
 * <p><b>Versions.</b> Each put or delete writes a new generation: {@code max(highest generation
 * seen on any backend + 1, local generation + 1, wall clock in ms)}. The writer reads every
 * backend first and writes only if W of them answered, so it always sees the newest committed
 * generation (see {@link MetaQuorum}); the +1 makes generations strictly increasing per id even
 * with a clock that goes backwards; the clock floor keeps generations roughly a write time. A
 * delete writes a tombstone generation, so a backend that was away cannot bring the record back.
 *
 * <p><b>Which version is read.</b> {@link GenerationResolver} decides: the highest generation with
 * D valid shards, unless a higher one could still have been committed on backends that did not
 * answer, in which case the read fails rather than return something stale or deleted.
 *
 * <p><b>Local index.</b> Under {@code localIndexDir}; the backends are the truth. The rule, which
 * assumes that one process at a time writes a cluster's metadata (the cluster's state lock is
 * held by the writer): a put or delete removes the local entry durably before the first shard is
 * sent, and stores the new version locally only after W backends acknowledged it. So a local
 * entry is never older than what the backends hold, and {@link #get} returns it without asking
 * them (fast, and it works offline). Without a local entry, get reads the backends and caches
 * what they say. {@link #getFromBackends} always asks them, and {@link #rebuildIndex} makes the
 * local index mirror the backends: what a new machine, or one that did not write last, runs. A
 * version the local index cannot take (its disk is full) is left out of it, with a warning, and
 * the operation the backends acknowledged succeeds: an absent entry is always safe.
 *
 * <p><b>Two classes.</b> This one is the repository: the generation rule, the local index, the
 * per-id locks, and the order of reads and writes that makes them safe. {@link RecordVersions}
 * is what the backends hold: it reads them all and decides which version wins (or says why none
 * can be given), makes a version's shards, scans every id and probes the backends.
 *
 * <p><b>Threads.</b> Thread-safe. Operations on one id are serialised within the process.
 */
public final class ReplicatedMetadataStore implements MetadataRepository {

    private static final Logger log = LoggerFactory.getLogger(ReplicatedMetadataStore.class);

    /** Largest record accepted: 4 MiB, so that a shard stays far below 0-db's 8 MiB value limit. */
    public static final int MAX_RECORD_BYTES = 4 * 1024 * 1024;

    private final MetaQuorum quorum;
    private final MetadataStoreOptions options;
    private final RecordCipher cipher;
    private final RecordVersions versions;
    private final LocalMetadataIndex local;
    private final IdLocks locks = new IdLocks();

    private ReplicatedMetadataStore(MetaQuorum quorum, MetadataStoreOptions options, MetaKeys keys,
                                    RecordVersions versions, LocalMetadataIndex local) {
        this.quorum = quorum;
        this.options = options;
        this.cipher = new RecordCipher(keys, new SecureRandom());
        this.versions = versions;
        this.local = local;
    }

    /**
     * Opens the store. Nothing is read from the backends yet, so this works offline.
     *
     * @param backends      the metadata backends, in a fixed order: shard i lives on backend i
     * @param metadataKey   32 bytes derived by the caller (from the mnemonic); not kept, the caller
     *                      may wipe it once this returns
     * @param localIndexDir where the local index lives, e.g. {@code <state-dir>/<cluster>/zstor/meta-index}
     */
    public static ReplicatedMetadataStore open(List<Backend> backends, byte[] metadataKey, Path localIndexDir,
                                               MetadataStoreOptions options) {
        Objects.requireNonNull(backends, "backends");
        Objects.requireNonNull(localIndexDir, "localIndexDir");
        Objects.requireNonNull(options, "options");
        MetaQuorum quorum = MetaQuorum.forBackends(backends.size());
        Set<String> names = new HashSet<>();
        for (Backend backend : backends) {
            if (!names.add(backend.name())) {
                throw new IllegalArgumentException("two metadata backends are named " + backend.name());
            }
        }
        MetaKeys keys = MetaKeys.derive(metadataKey);
        LocalMetadataIndex local = LocalMetadataIndex.open(localIndexDir, keys);
        try {
            MetaShardCodec codec = new MetaShardCodec(keys, quorum);
            RecordVersions versions = new RecordVersions(quorum, new MetaCluster(backends, codec, options), codec);
            return new ReplicatedMetadataStore(quorum, options, keys, versions, local);
        } catch (RuntimeException e) {
            local.close();
            throw e;
        }
    }

    public MetaQuorum quorum() {
        return quorum;
    }

    // --- MetadataRepository ---

    @Override
    public long put(String id, byte[] record) {
        MetaIds.check(id);
        Objects.requireNonNull(record, "record");
        if (record.length > MAX_RECORD_BYTES) {
            throw new IllegalArgumentException("a metadata record has at most " + MAX_RECORD_BYTES + " bytes, not "
                    + record.length);
        }
        return locks.with(id, () -> {
            List<BackendView> views = versions.observe(id);
            Resolution current = resolveForWrite(id, views);
            long generation = nextGeneration(id, current);
            byte[] sealed = cipher.seal(id, generation, record);
            writeVersion(id, generation, sealed, views, current);
            cache(id, generation, sealed);
            return generation;
        });
    }

    @Override
    public Optional<VersionedRecord> get(String id) {
        MetaIds.check(id);
        Optional<Optional<VersionedRecord>> cached = fromLocal(id);
        if (cached.isPresent()) {
            return cached.get();
        }
        return locks.with(id, () -> fromLocal(id).orElseGet(() -> readBackends(id)));
    }

    @Override
    public void delete(String id) {
        MetaIds.check(id);
        locks.with(id, () -> {
            List<BackendView> views = versions.observe(id);
            Resolution current = versions.resolve(id, views, "delete");
            if (current instanceof Resolution.Deleted deleted) {
                cache(id, deleted.generation(), null);
                return null;
            }
            if (current instanceof Resolution.Absent absent && absent.highestSeen() == 0) {
                local.remove(id);
                return null;
            }
            // Live, or the remains of a failed write that could become readable when its other
            // shards' backends return: a tombstone above both settles it.
            versions.requireWritable(id, views, "delete");
            long generation = nextGeneration(id, current);
            writeVersion(id, generation, null, views, current);
            cache(id, generation, null);
            return null;
        });
    }

    /**
     * Every live record id on the backends (SCAN of every backend, then a read of each id found
     * on enough of them), sorted. Needs the backends; the local index is not consulted.
     *
     * @throws MetadataUnavailableException if some ids could not be decided (too few backends)
     */
    @Override
    public List<String> list() {
        List<String> live = new ArrayList<>();
        List<String> undecided = new ArrayList<>();
        versions.forEachRecord((id, views, resolution) -> {
            if (resolution instanceof Resolution.Live) {
                live.add(id);
            } else if (resolution instanceof Resolution.Undecided) {
                undecided.add(id);
            }
        });
        if (!undecided.isEmpty()) {
            throw new MetadataUnavailableException("cannot list the metadata records: "
                    + Explain.plural(undecided.size(), "record") + " (" + RecordVersions.sample(undecided)
                    + ") could not be decided because too few metadata backends answered; "
                    + live.size() + " live records were found. Retry when more backends are reachable");
        }
        live.sort(null);
        return live;
    }

    @Override
    public void close() {
        try {
            versions.close();
        } finally {
            local.close();
        }
    }

    // --- beyond the interface ---

    /** Reads the backends, ignoring the local index, and updates the local index with what they say. */
    public Optional<VersionedRecord> getFromBackends(String id) {
        MetaIds.check(id);
        return locks.with(id, () -> readBackends(id));
    }

    /**
     * Makes the local index mirror the backends: every live record and tombstone is fetched,
     * checked (it must decrypt) and cached; local entries for ids the backends do not have are
     * removed. What a new machine runs after deriving the metadata key from the mnemonic.
     *
     * @throws MetadataUnavailableException after caching what it could, if some ids could not be decided
     */
    public IndexRebuild rebuildIndex() {
        int[] counts = new int[2];
        Set<String> known = new HashSet<>();
        Set<String> undecided = new HashSet<>();
        versions.forEachRecord((id, views, resolution) -> locks.with(id, () -> {
            if (resolution instanceof Resolution.Live live) {
                byte[] sealed = versions.sealedRecord(live);
                cipher.open(id, live.generation(), sealed);
                local.store(id, live.generation(), sealed);
                known.add(id);
                counts[0]++;
            } else if (resolution instanceof Resolution.Deleted deleted) {
                local.storeTombstone(id, deleted.generation());
                known.add(id);
                counts[1]++;
            } else if (resolution instanceof Resolution.Undecided) {
                undecided.add(id);
            }
            return null;
        }));
        int removed = 0;
        for (String id : local.ids()) {
            if (!known.contains(id) && !undecided.contains(id)) {
                local.remove(id);
                removed++;
            }
        }
        if (!undecided.isEmpty()) {
            throw new MetadataUnavailableException("the local metadata index was rebuilt for " + counts[0]
                    + " records and " + counts[1] + " tombstones, but " + Explain.plural(undecided.size(), "record")
                    + " (" + RecordVersions.sample(undecided) + ") could not be decided because too few metadata backends"
                    + " answered; run the rebuild again when more are reachable");
        }
        return new IndexRebuild(counts[0], counts[1], removed);
    }

    /**
     * Probes every backend now (PING) and reports it reachable, unreachable (with the reason) or
     * holding damaged shards (seen by reads since this store opened and not repaired since).
     */
    public MetadataHealth health() {
        return versions.health();
    }

    /**
     * Makes the winning version of one record whole: every reachable backend that lacks its shard
     * of that generation (missing, older, damaged) gets it, rebuilt from the decoded version, and
     * damaged slots are removed. The generation does not change.
     *
     * @throws MetadataUnavailableException if the winning version cannot be decided
     */
    public RepairReport repair(String id) {
        MetaIds.check(id);
        return locks.with(id, () -> {
            List<BackendView> views = versions.observe(id);
            return repairWith(id, views, versions.resolve(id, views, "repair"));
        });
    }

    /**
     * Scans every backend and repairs every record (live or deleted) that is not whole on every
     * reachable backend: what fills a metadata backend that came back or was replaced.
     */
    public RepairSummary repairAll() {
        int[] checked = new int[1];
        List<RepairReport> repaired = new ArrayList<>();
        List<String> undecided = new ArrayList<>();
        MetaCluster.Scan scan = versions.forEachRecord((id, views, resolution) -> {
            checked[0]++;
            if (resolution instanceof Resolution.Undecided) {
                undecided.add(id);
            } else if (needsRepair(views, resolution)) {
                try {
                    repaired.add(repair(id));
                } catch (MetadataUnavailableException e) {
                    // a backend went away since the scan: reported as undecided, the other records go on
                    log.warn("repair of metadata record {} stopped: {}", id, e.getMessage());
                    undecided.add(id);
                }
            }
        });
        return new RepairSummary(checked[0], repaired, undecided, scan.failed());
    }

    // --- reading ---

    /** The local entry as a result (present when the local index can answer), or empty to ask the backends. */
    private Optional<Optional<VersionedRecord>> fromLocal(String id) {
        LocalMetadataIndex.LocalRead read = local.read(id);
        if (read instanceof LocalMetadataIndex.LocalRead.Hit hit) {
            LocalMetadataIndex.LocalEntry entry = hit.entry();
            if (entry.tombstone()) {
                return Optional.of(Optional.empty());
            }
            byte[] record = cipher.open(id, entry.generation(), entry.sealed());
            return Optional.of(Optional.of(new VersionedRecord(entry.generation(), record)));
        }
        if (read instanceof LocalMetadataIndex.LocalRead.Damaged damaged) {
            log.warn("the local index entry of metadata record {} is damaged ({}); reading the backends", id,
                    damaged.why());
        }
        return Optional.empty();
    }

    private Optional<VersionedRecord> readBackends(String id) {
        List<BackendView> views = versions.observe(id);
        Resolution resolution = versions.resolve(id, views, "read");
        if (resolution instanceof Resolution.Live live) {
            byte[] sealed = versions.sealedRecord(live);
            byte[] record = cipher.open(id, live.generation(), sealed);
            cacheRead(id, live.generation(), sealed);
            return Optional.of(new VersionedRecord(live.generation(), record));
        }
        if (resolution instanceof Resolution.Deleted deleted) {
            cacheRead(id, deleted.generation(), null);
        } else {
            local.remove(id);
        }
        return Optional.empty();
    }

    /** Caches what the backends say; they are the truth even when the local entry claims a newer generation. */
    private void cacheRead(String id, long generation, byte[] sealed) {
        if (local.read(id) instanceof LocalMetadataIndex.LocalRead.Hit hit && hit.entry().generation() > generation) {
            log.warn("the local index held generation {} of metadata record {}, newer than the backends' {};"
                    + " were the backends restored from an older copy? Keeping the backends' version",
                    hit.entry().generation(), id, generation);
        }
        cache(id, generation, sealed);
    }

    /**
     * Keeps a version the backends hold (a record, or a tombstone when {@code sealed} is null) in
     * the local index. The index is a cache of what W backends already acknowledged, so a write it
     * cannot take (a full disk) does not fail the put, delete or read that the backends answered:
     * the entry is left absent, which the consistency rule always allows (reads then ask the
     * backends, and cache the version once there is room), and a warning says so. Only an old
     * entry that cannot be removed fails the operation, as it could contradict the backends.
     */
    private void cache(String id, long generation, byte[] sealed) {
        try {
            if (sealed == null) {
                local.storeTombstone(id, generation);
            } else {
                local.store(id, generation, sealed);
            }
        } catch (UncheckedIOException notCached) {
            try {
                local.remove(id);
            } catch (UncheckedIOException stale) {
                stale.addSuppressed(notCached);
                throw stale;
            }
            log.warn("metadata record {} (generation {}) is on the metadata backends but could not be cached in the"
                    + " local index: {}; reads ask the backends until it can be", id, generation, notCached.getMessage());
        }
    }

    // --- writing ---

    private Resolution resolveForWrite(String id, List<BackendView> views) {
        versions.requireWritable(id, views, "write");
        return versions.resolve(id, views, "write");
    }

    private long nextGeneration(String id, Resolution current) {
        long localGeneration = local.read(id) instanceof LocalMetadataIndex.LocalRead.Hit hit
                ? hit.entry().generation() : 0;
        return Math.max(Math.max(current.highestSeen(), localGeneration) + 1, options.clock().millis());
    }

    /**
     * Writes one shard of a version (a record, or a tombstone when {@code sealed} is null) to each
     * backend that answered the read, into the slot that does not hold the current winner.
     */
    private void writeVersion(String id, long generation, byte[] sealed, List<BackendView> views, Resolution current) {
        long keep = RecordVersions.winner(current);
        boolean tombstone = sealed == null;
        byte[][] bodies = versions.bodies(sealed);
        Map<Integer, List<SlotWrite>> writes = new HashMap<>();
        for (int i = 0; i < views.size(); i++) {
            if (views.get(i) instanceof BackendView.Answered answered) {
                int slot = Slots.choose(answered.slots(), keep, i);
                writes.put(i, List.of(versions.shard(id, i, slot, generation, sealed, bodies)));
            }
        }
        // durable before the first shard leaves: a crash from here on leaves no local entry, so reads ask the backends
        local.remove(id);
        Map<Integer, Outcome<Boolean>> outcomes = versions.apply(writes);
        List<String> failures = new ArrayList<>();
        int acknowledged = 0;
        for (int i = 0; i < views.size(); i++) {
            if (views.get(i) instanceof BackendView.Unreachable unreachable) {
                failures.add(versions.name(i) + " (" + unreachable.reason() + ")");
            } else if (outcomes.get(i) instanceof Outcome.Failed<Boolean> failed) {
                failures.add(versions.name(i) + " (" + failed.reason() + ")");
            } else {
                acknowledged++;
            }
        }
        if (acknowledged < quorum.writeQuorum()) {
            throw new MetadataUnavailableException("metadata " + (tombstone ? "delete" : "write") + " of " + id
                    + " (generation " + generation + ") was acknowledged by " + acknowledged + " of "
                    + quorum.backends() + " metadata backends, " + quorum.writeQuorum() + " needed; failed: "
                    + String.join(", ", failures) + ". Reads return the previous version, or this one if "
                    + quorum.dataShards() + " of its shards were stored; write it again once the backends are back");
        }
        if (!failures.isEmpty()) {
            log.warn("metadata record {} generation {} is stored on {} of {} backends; missing on {}; repair completes it",
                    id, generation, acknowledged, quorum.backends(), String.join(", ", failures));
        }
    }

    // --- repair ---

    private boolean needsRepair(List<BackendView> views, Resolution resolution) {
        long generation = RecordVersions.winner(resolution);
        if (generation == 0) {
            return false;
        }
        for (int i = 0; i < views.size(); i++) {
            if (views.get(i) instanceof BackendView.Answered a && (a.anyInvalid() || !a.holds(generation, i))) {
                return true;
            }
        }
        return false;
    }

    private RepairReport repairWith(String id, List<BackendView> views, Resolution resolution) {
        List<String> unreachable = new ArrayList<>();
        for (int i = 0; i < views.size(); i++) {
            if (views.get(i) instanceof BackendView.Unreachable) {
                unreachable.add(versions.name(i));
            }
        }
        long generation = RecordVersions.winner(resolution);
        if (generation == 0) {
            return new RepairReport(id, 0, List.of(), List.of(), unreachable, List.of());
        }
        byte[] sealed = null;
        if (resolution instanceof Resolution.Live live) {
            sealed = versions.sealedRecord(live);
            cipher.open(id, generation, sealed);
        }
        byte[][] bodies = versions.bodies(sealed);
        Map<Integer, List<SlotWrite>> writes = new HashMap<>();
        Set<Integer> rewriting = new HashSet<>();
        Set<Integer> cleaning = new HashSet<>();
        for (int i = 0; i < views.size(); i++) {
            if (!(views.get(i) instanceof BackendView.Answered answered)) {
                continue;
            }
            List<SlotWrite> changes = new ArrayList<>();
            int target = -1;
            if (!answered.holds(generation, i)) {
                target = Slots.choose(answered.slots(), generation, i);
                changes.add(versions.shard(id, i, target, generation, sealed, bodies));
                rewriting.add(i);
            }
            for (int s = 0; s < answered.slots().size(); s++) {
                if (s != target && answered.slots().get(s) instanceof SlotContent.Invalid) {
                    changes.add(new SlotWrite.Remove(Slots.key(id, s)));
                    cleaning.add(i);
                }
            }
            if (!changes.isEmpty()) {
                writes.put(i, changes);
            }
        }
        Map<Integer, Outcome<Boolean>> outcomes = versions.apply(writes);
        List<String> rewritten = new ArrayList<>();
        List<String> cleaned = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < views.size(); i++) {
            Outcome<Boolean> outcome = outcomes.get(i);
            if (outcome instanceof Outcome.Failed<Boolean> f) {
                failed.add(versions.name(i) + " (" + f.reason() + ")");
            } else if (outcome != null) {
                if (rewriting.contains(i)) {
                    rewritten.add(versions.name(i));
                }
                if (cleaning.contains(i)) {
                    cleaned.add(versions.name(i));
                }
                versions.repaired(i, id);
            }
        }
        cache(id, generation, sealed);
        if (!rewritten.isEmpty() || !cleaned.isEmpty()) {
            log.info("repaired metadata record {} generation {}: shard rewritten on {}, damaged slots removed on {}",
                    id, generation, rewritten, cleaned);
        }
        return new RepairReport(id, generation, rewritten, cleaned, unreachable, failed);
    }

    @Override
    public String toString() {
        return "ReplicatedMetadataStore[" + quorum + ", local index " + local.directory() + "]";
    }
}
