package io.qsctl.zstor.store;

import io.qsctl.zdb.client.ZdbException;
import io.qsctl.zstor.backend.Backend;
import io.qsctl.zstor.crypto.Checksums;
import io.qsctl.zstor.placement.Placement;
import io.qsctl.zstor.segment.ChunkHeader;
import io.qsctl.zstor.segment.KeyMode;
import io.qsctl.zstor.segment.SegmentLayout;
import io.qsctl.zstor.segment.SegmentRecord;
import io.qsctl.zstor.segment.SegmentRecordCodec;
import io.qsctl.zstor.segment.ShardChunk;
import io.qsctl.zstor.segment.Stripe;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds what is wrong with a segment: every shard chunk that is recorded missing, lost,
 * corrupt, unreachable, or on a backend no longer configured.
 *
 * <ol>
 *   <li>Each stripe is scanned (all chunks read and verified). A stripe with problems and at least
 *       M good chunks is reconstructed; each rebuilt chunk must match the checksum recorded when
 *       the segment was stored, so repair can never write something else.</li>
 *   <li>A rebuilt chunk goes back to the backend that should hold it when that backend is
 *       configured, reachable and writable; otherwise to another writable backend holding no
 *       shard of the stripe, chosen by {@link Placement#replacement} (the same one for a shard
 *       across all stripes when possible).</li>
 *   <li>The new metadata (a new generation) is written once, after all stripes. Only then are the
 *       chunks it no longer names deleted: until that point, the old record stays valid. A chunk
 *       is deleted only if its key still holds that chunk ({@link io.qsctl.zstor.segment.ChunkHeader}):
 *       a key a reset namespace handed out again is never touched.</li>
 * </ol>
 *
 * Stripes are handled one after the other, so memory is one stripe's chunks.
 */
public final class SegmentRepairer {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentRepairer.class);
    /** Replacement backends tried for one chunk when writes to them fail. */
    private static final int MAX_REPLACEMENT_ATTEMPTS = 3;

    private final StoreContext context;
    private final StripeScanner scanner;

    public SegmentRepairer(StoreContext context) {
        this.context = context;
        this.scanner = new StripeScanner(context);
    }

    public RepairReport repair(SegmentRecord record, long generation, RateLimiter limiter) {
        SegmentLayout layout = record.layout();
        List<ChunkProblem> found = new ArrayList<>();
        Map<String, Integer> perBackend = new TreeMap<>();
        Map<Integer, Backend> relocations = new HashMap<>();
        List<Superseded> superseded = new ArrayList<>();
        List<Integer> unrecoverable = new ArrayList<>();
        int rebuilt = 0;
        int relocated = 0;
        int unresolved = 0;
        SegmentRecord current = record;
        for (int index = 0; index < record.stripes().size(); index++) {
            StripeScanner.Scan scan = scanner.scan(current, index, limiter);
            if (scan.problems().isEmpty()) {
                continue;
            }
            found.addAll(scan.problems());
            if (scan.goodCount() < layout.dataShards()) {
                unrecoverable.add(index);
                unresolved += scan.problems().size();
                LOG.debug("segment {}: stripe {} has {} good shards of the {} needed; it cannot be rebuilt now",
                        record.id(), index, scan.goodCount(), layout.dataShards());
                continue;
            }
            Stripe stripe = current.stripes().get(index);
            int shardLength = layout.shardLength(stripe.payloadLength());
            byte[][] shards = scan.shards();
            boolean[] present = scan.good().clone();
            for (int i = 0; i < shards.length; i++) {
                if (!present[i]) {
                    shards[i] = new byte[ChunkHeader.LENGTH + shardLength];
                }
            }
            context.codec(layout).reconstruct(shards, present, ChunkHeader.LENGTH, shardLength);
            for (int i = 0; i < shards.length; i++) {
                if (!present[i]) {
                    ChunkHeader.write(shards[i], record.id(), index, i);
                }
            }
            for (ChunkProblem problem : scan.problems()) {
                int shard = problem.shard();
                ShardChunk old = stripe.shards().get(shard);
                if (!Checksums.matches(old.checksum(), Checksums.chunk(shards[shard]))) {
                    unresolved++;
                    LOG.error("segment {}: rebuilt shard {} of stripe {} does not match its recorded checksum; left as is",
                            record.id(), shard, index);
                    continue;
                }
                Optional<Placed> placed = write(current, index, stripe, shard, problem, shards[shard], relocations);
                if (placed.isEmpty()) {
                    unresolved++;
                    if (old.isOk() && (problem.kind() == ChunkProblem.Kind.CORRUPT
                            || problem.kind() == ChunkProblem.Kind.LOST)) {
                        // what is there is known bad: record it missing (and drop the bad copy); an
                        // unreachable chunk stays recorded, it may well come back
                        stripe = stripe.withShard(shard, ShardChunk.missing(old.backend(), old.checksum()));
                        if (problem.kind() == ChunkProblem.Kind.CORRUPT) {
                            superseded.add(new Superseded(index, shard, old.backend(), old.key()));
                        }
                    }
                    continue;
                }
                stripe = stripe.withShard(shard, placed.get().chunk());
                rebuilt++;
                perBackend.merge(placed.get().chunk().backend(), 1, Integer::sum);
                if (!placed.get().chunk().backend().equals(old.backend())) {
                    relocated++;
                }
                // a corrupt copy is ours (its header says so) and goes; a lost or foreign key holds
                // nothing of ours; an unreachable one is deleted if its backend answers by then
                if (old.isOk() && (problem.kind() == ChunkProblem.Kind.CORRUPT
                        || problem.kind() == ChunkProblem.Kind.UNREACHABLE)) {
                    superseded.add(new Superseded(index, shard, old.backend(), old.key()));
                }
            }
            current = current.withStripe(index, stripe);
        }
        long newGeneration = generation;
        int deleted = 0;
        int left = 0;
        if (!current.equals(record)) {
            newGeneration = context.config().metadata().put(record.id().hex(), SegmentRecordCodec.encode(current));
            for (Superseded old : superseded) {
                Optional<Backend> backend = context.backend(old.backend());
                try {
                    if (backend.isEmpty() || referenced(current, old)) {
                        left += backend.isEmpty() ? 1 : 0;
                        continue;
                    }
                    if (ChunkReader.deleteIfOurs(context, record.id(), old.stripe(), old.shard(), backend.get(),
                            old.key())) {
                        deleted++;
                    }
                } catch (ZdbException e) {
                    left++;
                    LOG.debug("segment {}: superseded chunk of stripe {} shard {} on {} not deleted: {}", record.id(),
                            old.stripe(), old.shard(), old.backend(), e.getMessage());
                }
            }
        }
        int stillMissing = unresolved;
        if (!unrecoverable.isEmpty()) {
            LOG.error("segment {}: {} stripe(s) have fewer good shards than the {} needed and cannot be rebuilt now "
                    + "(first: stripe {}); they come back only if missing backends do", record.id(), unrecoverable.size(),
                    layout.dataShards(), unrecoverable.get(0));
        } else if (stillMissing > 0) {
            LOG.warn("segment {}: {} shard chunk(s) could not be rebuilt: their backends are unusable and every other "
                    + "writable backend already holds a shard of the same stripe; add or replace a backend, or bring "
                    + "it back, and repair again", record.id(), stillMissing);
        }
        if (rebuilt > 0 || !found.isEmpty()) {
            LOG.info("segment {}: repaired {} shard chunks ({} relocated), {} still missing, {} unrecoverable stripes",
                    record.id(), rebuilt, relocated, stillMissing, unrecoverable.size());
        }
        return new RepairReport(record.id().hex(), found, rebuilt, perBackend, relocated, stillMissing, unrecoverable,
                deleted, left, newGeneration);
    }

    private Optional<Placed> tryWrite(SegmentRecord record, int index, int shard, ShardChunk old, Backend target,
            byte[] data, Map<Integer, Backend> relocations) {
        try {
            byte[] userKey = record.keyMode() == KeyMode.USER ? ChunkKeys.user(record.id(), index, shard) : null;
            byte[] key = context.io().write(target, record.keyMode(), userKey, data);
            if (!target.name().equals(old.backend())) {
                relocations.putIfAbsent(shard, target);
            }
            return Optional.of(new Placed(ShardChunk.written(target.name(), key, old.checksum())));
        } catch (ZdbException e) {
            LOG.warn("segment {}: writing rebuilt shard {} of stripe {} to {} failed: {}", record.id(), shard, index,
                    target.name(), e.getMessage());
            return Optional.empty();
        }
    }

    private record Superseded(int stripe, int shard, String backend, byte[] key) {
    }

    /** Whether the new record still names this chunk (never delete what metadata points to). */
    private static boolean referenced(SegmentRecord record, Superseded old) {
        for (Stripe stripe : record.stripes()) {
            for (ShardChunk chunk : stripe.shards()) {
                if (chunk.isOk() && chunk.backend().equals(old.backend()) && Arrays.equals(chunk.key(), old.key())) {
                    return true;
                }
            }
        }
        return false;
    }

    private record Placed(ShardChunk chunk) {
    }

    /** Writes a rebuilt chunk where it belongs, or somewhere else suitable; empty if nowhere worked. */
    private Optional<Placed> write(SegmentRecord record, int index, Stripe stripe, int shard, ChunkProblem problem,
            byte[] data, Map<Integer, Backend> relocations) {
        ShardChunk old = stripe.shards().get(shard);
        List<Backend> targets = new ArrayList<>();
        Optional<Backend> home = context.backend(old.backend());
        boolean homeUsable = home.isPresent() && problem.kind() != ChunkProblem.Kind.UNREACHABLE
                && context.health().state(old.backend()).writable();
        if (homeUsable) {
            targets.add(home.get());
        }
        Set<String> holders = new HashSet<>();
        for (int i = 0; i < stripe.shards().size(); i++) {
            holders.add(stripe.shards().get(i).backend());
        }
        Backend usual = relocations.get(shard);
        if (usual != null && !holders.contains(usual.name()) && context.health().state(usual.name()).writable()) {
            targets.add(usual);
        }
        List<Backend> holding = new ArrayList<>();
        for (String name : holders) {
            context.backend(name).ifPresent(holding::add);
        }
        Set<String> tried = new HashSet<>();
        for (Backend target : targets) {
            tried.add(target.name());
            Optional<Placed> placed = tryWrite(record, index, shard, old, target, data, relocations);
            if (placed.isPresent()) {
                return placed;
            }
        }
        // then replacements, best placed first; a backend named in the stripe but not configured
        // still counts as taken
        for (int attempt = 0; attempt < MAX_REPLACEMENT_ATTEMPTS; attempt++) {
            List<Backend> candidates = context.config().backends().stream()
                    .filter(b -> !holders.contains(b.name()) && !tried.contains(b.name())).toList();
            Optional<Backend> replacement = Placement.replacement(record.id(), candidates,
                    name -> context.health().state(name), holding);
            if (replacement.isEmpty()) {
                break;
            }
            tried.add(replacement.get().name());
            Optional<Placed> placed = tryWrite(record, index, shard, old, replacement.get(), data, relocations);
            if (placed.isPresent()) {
                return placed;
            }
        }
        if (tried.isEmpty()) {
            // debug, not warn: a dead backend yields this for every stripe; the summary below says it once
            LOG.debug("segment {}: no backend can take shard {} of stripe {} ({} is {}; every other writable backend "
                    + "holds a shard of this stripe)", record.id(), shard, index, old.backend(),
                    home.isPresent() ? context.health().state(old.backend()) : "not configured");
        }
        return Optional.empty();
    }
}
