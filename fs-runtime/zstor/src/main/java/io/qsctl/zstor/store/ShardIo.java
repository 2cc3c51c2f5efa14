package io.qsctl.zstor.store;

import io.qsctl.zdb.client.NamespaceInfo;
import io.qsctl.zdb.client.ZdbException;
import io.qsctl.zstor.backend.Backend;
import io.qsctl.zstor.segment.KeyMode;
import java.util.Optional;

/**
 * The store's only door to its backends ({@link ZdbShardIo} in a running store). A backend that
 * fails, refuses or does not answer shows as a {@link ZdbException}; the store treats exactly that
 * as an outage (a missing shard, a degraded write, a chunk left for later) and lets anything else
 * through, so that a bug is never taken for a backend being away. Thread-safe.
 */
public interface ShardIo extends AutoCloseable {

    /**
     * Writes one shard chunk and returns its key: the id 0-db generated in seq mode, or
     * {@code userKey} in user mode.
     */
    byte[] write(Backend backend, KeyMode mode, byte[] userKey, byte[] value);

    /** Reads one shard chunk; empty if the backend has no such key. */
    Optional<byte[]> read(Backend backend, byte[] key);

    /** Deletes one shard chunk; false if there was none. */
    boolean delete(Backend backend, byte[] key);

    /** NSINFO of the backend's own namespace. */
    NamespaceInfo namespaceInfo(Backend backend);

    @Override
    void close();
}
