package io.qsctl.zstor.meta;

/**
 * How a record is spread over N metadata backends and how many must answer.
 *
 * <ul>
 *   <li>{@code dataShards} D = N / 2 rounded down (at least 1), {@code parityShards} = N - D: any D
 *       shards rebuild a version.</li>
 *   <li>{@code writeQuorum} W = the smallest W with W ≥ D + 1 (when N allows) and 2W ≥ N + D. The
 *       second condition is what makes versions safe: any two sets of W backends share at least D
 *       backends, so a writer that reached W backends sees (and could decode) the newest committed
 *       version before it writes the next, and a write that reached fewer than W backends can be
 *       told apart from a committed one once enough backends answer.</li>
 *   <li>{@code readQuorum} R = max(D, N - W + 1): fewer answering backends could miss a committed
 *       version entirely (it may live on the silent ones), so no answer is given.</li>
 * </ul>
 *
 * <p>For the default of 4 backends: 2 data + 2 parity, writes need 3, reads need 2.
 */
public record MetaQuorum(int backends, int dataShards, int parityShards, int writeQuorum, int readQuorum) {

    /** The shard header stores counts in one byte. */
    public static final int MAX_BACKENDS = 255;

    public MetaQuorum {
        if (backends < 1 || backends > MAX_BACKENDS) {
            throw new IllegalArgumentException("1 to " + MAX_BACKENDS + " metadata backends, not " + backends);
        }
        if (dataShards < 1 || dataShards + parityShards != backends || parityShards < 0) {
            throw new IllegalArgumentException("data + parity shards must be the backend count");
        }
        if (writeQuorum < dataShards || writeQuorum > backends || readQuorum < dataShards || readQuorum > backends) {
            throw new IllegalArgumentException("quorums must lie between the data shard count and the backend count");
        }
    }

    public static MetaQuorum forBackends(int n) {
        if (n < 1 || n > MAX_BACKENDS) {
            throw new IllegalArgumentException("1 to " + MAX_BACKENDS + " metadata backends, not " + n);
        }
        int data = Math.max(1, n / 2);
        int write = Math.max(Math.min(n, data + 1), (n + data + 1) / 2);
        int read = Math.max(data, n - write + 1);
        return new MetaQuorum(n, data, n - data, write, read);
    }

    /** Backends that may be lost while writes still succeed. */
    public int writeTolerance() {
        return backends - writeQuorum;
    }

    /** Backends that may be lost while fully written records still read. */
    public int readTolerance() {
        return backends - readQuorum;
    }

    @Override
    public String toString() {
        return backends + " backends: " + dataShards + " data + " + parityShards + " parity shards, writes need "
                + writeQuorum + ", reads need " + readQuorum;
    }
}
