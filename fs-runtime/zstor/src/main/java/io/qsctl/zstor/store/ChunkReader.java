package io.qsctl.zstor.store;

import io.qsctl.zdb.client.ZdbException;
import io.qsctl.zstor.backend.Backend;
import io.qsctl.zstor.crypto.Checksums;
import io.qsctl.zstor.segment.ChunkHeader;
import io.qsctl.zstor.segment.SegmentId;
import io.qsctl.zstor.segment.ShardChunk;
import java.util.Optional;

/** Reads one shard chunk and says what it is: good, lost, someone else's, damaged, or out of reach. */
final class ChunkReader {

    private ChunkReader() {
    }

    /**
     * The chunk's stored bytes, or why there are none. What the backend did or did not do is a
     * problem in the result; anything else (a bug) is thrown.
     */
    record Result(byte[] data, ChunkProblem problem) {

        boolean good() {
            return problem == null;
        }
    }

    static Result read(StoreContext context, SegmentId segment, int stripe, int shard, Backend backend, ShardChunk chunk,
            int shardLength) {
        try {
            Optional<byte[]> value = context.io().read(backend, chunk.key());
            if (value.isEmpty()) {
                return problem(stripe, shard, backend, ChunkProblem.Kind.LOST, "no value under its key");
            }
            byte[] data = value.get();
            if (!ChunkHeader.matches(data, segment, stripe, shard)) {
                return problem(stripe, shard, backend, ChunkProblem.Kind.FOREIGN,
                        "its key holds another chunk (was the namespace reset?)");
            }
            if (data.length != ChunkHeader.LENGTH + shardLength) {
                context.health().corruptChunk(backend.name());
                return problem(stripe, shard, backend, ChunkProblem.Kind.CORRUPT, data.length + " bytes, expected "
                        + (ChunkHeader.LENGTH + shardLength));
            }
            if (!Checksums.matches(chunk.checksum(), Checksums.chunk(data))) {
                context.health().corruptChunk(backend.name());
                return problem(stripe, shard, backend, ChunkProblem.Kind.CORRUPT, "checksum mismatch");
            }
            return new Result(data, null);
        } catch (ZdbException e) {
            return problem(stripe, shard, backend, ChunkProblem.Kind.UNREACHABLE, e.getMessage());
        }
    }

    /**
     * Deletes a chunk only if its key still holds that chunk (its header), so a key the server
     * handed out again after a reset never loses someone else's data. Returns whether it deleted.
     *
     * @throws ZdbException when the backend fails
     */
    static boolean deleteIfOurs(StoreContext context, SegmentId segment, int stripe, int shard, Backend backend,
            byte[] key) {
        Optional<byte[]> value = context.io().read(backend, key);
        if (value.isEmpty() || !ChunkHeader.matches(value.get(), segment, stripe, shard)) {
            return false;
        }
        return context.io().delete(backend, key);
    }

    private static Result problem(int stripe, int shard, Backend backend, ChunkProblem.Kind kind, String detail) {
        return new Result(null, new ChunkProblem(stripe, shard, backend.name(), kind, detail));
    }
}
