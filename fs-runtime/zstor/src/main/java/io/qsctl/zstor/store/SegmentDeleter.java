package io.qsctl.zstor.store;

import io.qsctl.zdb.client.ZdbException;
import io.qsctl.zstor.segment.SegmentRecord;
import io.qsctl.zstor.segment.ShardChunk;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes the chunks of a segment whose metadata is already gone. */
public final class SegmentDeleter {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentDeleter.class);

    private final StoreContext context;

    public SegmentDeleter(StoreContext context) {
        this.context = context;
    }

    /**
     * Deletes every chunk whose key still holds it, where its backend answers; returns how many.
     * What a backend fails to delete stays as garbage (space, not correctness: no metadata names
     * it) and is logged, per backend; a failure that is not the backend's is thrown.
     */
    public int delete(SegmentRecord record) {
        int deleted = 0;
        Map<String, Skipped> skipped = new TreeMap<>();
        for (int s = 0; s < record.stripes().size(); s++) {
            List<ShardChunk> shards = record.stripes().get(s).shards();
            for (int i = 0; i < shards.size(); i++) {
                ShardChunk chunk = shards.get(i);
                if (!chunk.isOk() || context.backend(chunk.backend()).isEmpty()) {
                    continue;
                }
                try {
                    if (ChunkReader.deleteIfOurs(context, record.id(), s, i, context.backend(chunk.backend()).get(),
                            chunk.key())) {
                        deleted++;
                    }
                } catch (ZdbException e) {
                    skipped.merge(chunk.backend(), new Skipped(1, s, i, e.getMessage()),
                            (first, next) -> new Skipped(first.count() + 1, first.stripe(), first.shard(),
                                    first.reason()));
                }
            }
        }
        skipped.forEach((backend, what) -> LOG.warn("segment {}: {} chunk(s) on backend {} not deleted (first: stripe {}"
                + " shard {}: {}); they stay there as garbage that no metadata names", record.id(), what.count(),
                backend, what.stripe(), what.shard(), what.reason()));
        return deleted;
    }

    /** The chunks a backend failed to delete: how many, and the first of them with its reason. */
    private record Skipped(int count, int stripe, int shard, String reason) {
    }
}
