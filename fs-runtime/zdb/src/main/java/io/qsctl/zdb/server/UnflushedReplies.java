package io.qsctl.zdb.server;

import io.qsctl.zdb.engine.FailedBatch;
import io.qsctl.zdb.engine.Namespace;
import io.qsctl.zdb.resp.ByteSink;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The replies of a round that show writes the kernel does not have yet: the reply to a SET, and to
 * any command after it in the round that reads its namespace. They wait in their connections'
 * output until the round's writes are flushed; when a batch fails (a full disk), each of its
 * replies is replaced, in place, by the batch's error, so no client is told of a write that was
 * taken back, and every client still gets one reply per request.
 *
 * <p>MIRROR clients' copies of those commands are remembered too, and dropped when the batch
 * fails: a mirror must not replay a write the server took back.
 *
 * <p>Only replies given while their namespace has unflushed writes are remembered: a round of
 * reads remembers nothing. Lives on the event loop thread.
 */
final class UnflushedReplies {

    private static final int INITIAL = 64;
    private static final int RETAINED = 64 * 1024;

    private Connection[] connection = new Connection[INITIAL];
    private Namespace[] namespace = new Namespace[INITIAL];
    private long[] batch = new long[INITIAL];
    private int[] start = new int[INITIAL];
    private int[] end = new int[INITIAL];
    private byte[] kind = new byte[INITIAL];
    private int size;

    private static final byte REPLY = 0;
    private static final byte DELETE_REPLY = 1;
    private static final byte MIRROR_COPY = 2;

    /** The reply at {@code [start, end)} of the connection's output shows batch {@code batch} of the namespace. */
    void add(Connection c, Namespace ns, long unflushedBatch, int from, int to, boolean isDelete) {
        remember(c, ns, unflushedBatch, from, to, isDelete ? DELETE_REPLY : REPLY);
    }

    /** A MIRROR client's copy, at {@code [start, end)} of its output, of a command of batch {@code batch}. */
    void addMirrorCopy(Connection c, Namespace ns, long unflushedBatch, int from, int to) {
        remember(c, ns, unflushedBatch, from, to, MIRROR_COPY);
    }

    private void remember(Connection c, Namespace ns, long unflushedBatch, int from, int to, byte what) {
        if (size == connection.length) {
            grow();
        }
        connection[size] = c;
        namespace[size] = ns;
        batch[size] = unflushedBatch;
        start[size] = from;
        end[size] = to;
        kind[size] = what;
        size++;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /**
     * Replaces every remembered reply of a failed batch by its error, and drops mirror copies of
     * its commands; returns how many replies were replaced.
     */
    int answerFailed(List<FailedBatch> failed) {
        Map<Connection, List<Integer>> replaced = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            FailedBatch f = failedBatchOf(i, failed);
            if (f != null && !connection[i].closed) {
                replaced.computeIfAbsent(connection[i], c -> new ArrayList<>()).add(i);
            }
        }
        int count = 0;
        for (Map.Entry<Connection, List<Integer>> e : replaced.entrySet()) {
            rewrite(e.getKey(), e.getValue(), failed);
            count += (int) e.getValue().stream().filter(i -> kind[i] != MIRROR_COPY).count();
        }
        return count;
    }

    private FailedBatch failedBatchOf(int i, List<FailedBatch> failed) {
        for (FailedBatch f : failed) {
            if (f.namespace() == namespace[i] && f.batch() == batch[i]) {
                return f;
            }
        }
        return null;
    }

    /**
     * Rebuilds the output of {@code c} from the first replaced reply on: kept bytes copied,
     * replaced replies as errors, mirror copies left out.
     */
    private void rewrite(Connection c, List<Integer> entries, List<FailedBatch> failed) {
        ByteSink output = c.output;
        int from = start[entries.get(0)];
        int total = output.size();
        byte[] tail = Arrays.copyOfRange(output.array(), from, total);
        output.truncate(from);
        int copied = from;
        for (int i : entries) {
            output.write(tail, copied - from, start[i] - copied);
            if (kind[i] != MIRROR_COPY) {
                c.writer.error(failedBatchOf(i, failed).error(kind[i] == DELETE_REPLY).getMessage());
            }
            copied = end[i];
        }
        output.write(tail, copied - from, total - copied);
    }

    /** Forgets the round (and the connections it held). */
    void clear() {
        Arrays.fill(connection, 0, size, null);
        Arrays.fill(namespace, 0, size, null);
        size = 0;
        if (connection.length > RETAINED) {
            connection = new Connection[INITIAL];
            namespace = new Namespace[INITIAL];
            batch = new long[INITIAL];
            start = new int[INITIAL];
            end = new int[INITIAL];
            kind = new byte[INITIAL];
        }
    }

    private void grow() {
        int grown = connection.length * 2;
        connection = Arrays.copyOf(connection, grown);
        namespace = Arrays.copyOf(namespace, grown);
        batch = Arrays.copyOf(batch, grown);
        start = Arrays.copyOf(start, grown);
        end = Arrays.copyOf(end, grown);
        kind = Arrays.copyOf(kind, grown);
    }
}
