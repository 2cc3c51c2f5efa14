package io.qsctl.zstor.store;

import io.qsctl.zdb.client.ZdbException;
import io.qsctl.zstor.backend.Backend;
import io.qsctl.zstor.crypto.Checksums;
import io.qsctl.zstor.placement.Placement;
import io.qsctl.zstor.segment.ChunkHeader;
import io.qsctl.zstor.segment.KeyMode;
import io.qsctl.zstor.segment.SegmentRecord;
import io.qsctl.zstor.segment.SegmentRecordCodec;
import io.qsctl.zstor.segment.ShardChunk;
import io.qsctl.zstor.segment.Stripe;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves shards to spread a segment better over failure domains, typically onto backends added
 * since it was stored. The policy is {@link Placement#improvement}: a move is made only when it
 * leaves fewer shards in the most crowded farm (or country). Chunks are copied verified; the
 * metadata is rewritten before the old chunks are deleted. A chunk that cannot be read is left
 * for repair.
 */
public final class Rebalancer {

    private static final Logger LOG = LoggerFactory.getLogger(Rebalancer.class);

    private final StoreContext context;

    public Rebalancer(StoreContext context) {
        this.context = context;
    }

    /** Makes the moves that improve one segment, at most {@code maxMoves}; returns them. */
    public List<RebalanceReport.Move> rebalance(SegmentRecord record, int maxMoves) {
        List<RebalanceReport.Move> moves = new ArrayList<>();
        SegmentRecord current = record;
        while (moves.size() < maxMoves) {
            Optional<List<Backend>> holders = holders(current);
            if (holders.isEmpty()) {
                break;
            }
            Optional<Placement.Move> move = Placement.improvement(current.id(), context.config().backends(),
                    name -> context.health().state(name), holders.get());
            if (move.isEmpty()) {
                break;
            }
            Placement.Move m = move.get();
            List<Stripe> stripes = new ArrayList<>(current.stripes());
            List<ShardChunk> superseded = new ArrayList<>();
            List<byte[]> copiedKeys = new ArrayList<>();
            int copied = 0;
            for (int index = 0; index < stripes.size(); index++) {
                Stripe stripe = stripes.get(index);
                ShardChunk chunk = stripe.shards().get(m.shard());
                if (!chunk.isOk() || !chunk.backend().equals(m.from().name())) {
                    continue;
                }
                Optional<byte[]> data = readVerified(current, m.from(), chunk,
                        ChunkHeader.LENGTH + current.layout().shardLength(stripe.payloadLength()));
                if (data.isEmpty()) {
                    continue;
                }
                byte[] userKey = current.keyMode() == KeyMode.USER ? ChunkKeys.user(current.id(), index, m.shard()) : null;
                try {
                    byte[] key = context.io().write(m.to(), current.keyMode(), userKey, data.get());
                    stripes.set(index, stripe.withShard(m.shard(), ShardChunk.written(m.to().name(), key,
                            chunk.checksum())));
                    copiedKeys.add(key);
                } catch (ZdbException e) {
                    LOG.warn("segment {}: moving shard {} to {} failed, move abandoned: {}", current.id(), m.shard(),
                            m.to().name(), e.getMessage());
                    SegmentRecord abandoned = current;
                    copiedKeys.forEach(k -> deleteOrphan(abandoned, m.to(), k));
                    return moves;
                }
                superseded.add(chunk);
                copied++;
            }
            if (copied == 0) {
                break;
            }
            current = current.withStripes(stripes);
            context.config().metadata().put(current.id().hex(), SegmentRecordCodec.encode(current));
            // read and verified moments ago: the key holds this chunk
            SegmentRecord moved = current;
            superseded.forEach(old -> deleteOrphan(moved, m.from(), old.key()));
            LOG.info("segment {}: moved shard {} from {} to {} ({} chunks)", current.id(), m.shard(), m.from().name(),
                    m.to().name(), copied);
            moves.add(new RebalanceReport.Move(current.id().hex(), m.shard(), m.from().name(), m.to().name(), copied));
        }
        return moves;
    }

    /** The backend of each shard, from its first stripe; empty if one is not configured (repair's job). */
    private Optional<List<Backend>> holders(SegmentRecord record) {
        List<Backend> holders = new ArrayList<>();
        for (ShardChunk chunk : record.stripes().get(0).shards()) {
            Optional<Backend> backend = context.backend(chunk.backend());
            if (backend.isEmpty()) {
                return Optional.empty();
            }
            holders.add(backend.get());
        }
        return Optional.of(holders);
    }

    /** Deletes a chunk no metadata names; one the backend fails to delete is left (space, not correctness). */
    private void deleteOrphan(SegmentRecord record, Backend backend, byte[] key) {
        try {
            context.io().delete(backend, key);
        } catch (ZdbException e) {
            LOG.info("segment {}: chunk {} left on {}, which failed to delete it ({}); no metadata names it",
                    record.id(), HexFormat.of().formatHex(key), backend.name(), e.getMessage());
        }
    }

    /** The chunk, if its backend returns it whole; empty (left for repair) if not. */
    private Optional<byte[]> readVerified(SegmentRecord record, Backend backend, ShardChunk chunk, int length) {
        Optional<byte[]> data;
        try {
            data = context.io().read(backend, chunk.key());
        } catch (ZdbException e) {
            LOG.debug("segment {}: reading chunk {} on {} to move it failed, left for repair: {}", record.id(),
                    HexFormat.of().formatHex(chunk.key()), backend.name(), e.getMessage());
            return Optional.empty();
        }
        if (data.isPresent() && data.get().length == length
                && Checksums.matches(chunk.checksum(), Checksums.chunk(data.get()))) {
            return data;
        }
        LOG.debug("segment {}: chunk {} on {} is missing or damaged, not moved; left for repair", record.id(),
                HexFormat.of().formatHex(chunk.key()), backend.name());
        return Optional.empty();
    }
}
