package io.qsctl.zstor.store;

import io.qsctl.zstor.segment.SegmentRecord;
import io.qsctl.zstor.segment.ShardChunk;
import java.util.List;

/** Deletes the chunks of a segment whose metadata is already gone. */
public final class SegmentDeleter {

    private final StoreContext context;

    public SegmentDeleter(StoreContext context) {
        this.context = context;
    }

    /**
     * Deletes every chunk whose key still holds it, where its backend is reachable; returns how
     * many. What cannot be deleted is garbage (space, not correctness: no metadata names it).
     */
    public int delete(SegmentRecord record) {
        int deleted = 0;
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
                } catch (RuntimeException e) {
                    // unreachable backend: the chunk stays as garbage
                }
            }
        }
        return deleted;
    }
}
