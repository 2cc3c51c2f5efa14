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
    private boolean[] delete = new boolean[INITIAL];
    private int size;

    /** The reply at {@code [start, end)} of the connection's output shows batch {@code batch} of the namespace. */
    void add(Connection c, Namespace ns, long unflushedBatch, int from, int to, boolean isDelete) {
        if (size == connection.length) {
            grow();
        }
        connection[size] = c;
        namespace[size] = ns;
        batch[size] = unflushedBatch;
        start[size] = from;
        end[size] = to;
        delete[size] = isDelete;
        size++;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Replaces every remembered reply of a failed batch by its error; returns how many were replaced. */
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
            count += e.getValue().size();
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

    /** Rebuilds the output of {@code c} from the first replaced reply on: kept bytes copied, replaced replies as errors. */
    private void rewrite(Connection c, List<Integer> entries, List<FailedBatch> failed) {
        ByteSink output = c.output;
        int from = start[entries.get(0)];
        int total = output.size();
        byte[] tail = Arrays.copyOfRange(output.array(), from, total);
        output.truncate(from);
        int copied = from;
        for (int i : entries) {
            output.write(tail, copied - from, start[i] - copied);
            c.writer.error(failedBatchOf(i, failed).error(delete[i]).getMessage());
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
            delete = new boolean[INITIAL];
        }
    }

    private void grow() {
        int grown = connection.length * 2;
        connection = Arrays.copyOf(connection, grown);
        namespace = Arrays.copyOf(namespace, grown);
        batch = Arrays.copyOf(batch, grown);
        start = Arrays.copyOf(start, grown);
        end = Arrays.copyOf(end, grown);
        delete = Arrays.copyOf(delete, grown);
    }
}
