package io.qsctl.zstor.store;

import io.qsctl.zdb.client.NamespaceInfo;
import io.qsctl.zdb.client.ReconnectPolicy;
import io.qsctl.zdb.client.ZdbClientConfig;
import io.qsctl.zdb.client.ZdbException;
import io.qsctl.zdb.client.ZdbPool;
import io.qsctl.zdb.client.ZdbPoolConfig;
import io.qsctl.zstor.backend.Backend;
import io.qsctl.zstor.health.HealthTracker;
import io.qsctl.zstor.segment.KeyMode;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The {@link ShardIo} of a running store: one connection pool per backend, and every call timed
 * and reported to the {@link HealthTracker}, so health follows what really happens. Only what
 * the 0-db client throws ({@link ZdbException}) is a failure of the backend; anything else passes
 * through unreported, as the bug it is. Thread-safe.
 */
public final class ZdbShardIo implements ShardIo {

    private final HealthTracker health;
    private final Function<Backend, ZdbClientConfig> clientConfig;
    private final ZdbPoolConfig poolConfig;
    private final Map<String, ZdbPool> pools = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public ZdbShardIo(HealthTracker health, Duration connectTimeout, Duration commandTimeout, int connectionsPerBackend) {
        this.health = health;
        // one connect attempt: a dead backend must cost one refused connection, not three with backoff;
        // the store itself decides what to do next (another shard, degraded write)
        this.clientConfig = backend -> backend.clientConfig().withConnectTimeout(connectTimeout)
                .withCommandTimeout(commandTimeout).withReconnect(ReconnectPolicy.NONE);
        this.poolConfig = ZdbPoolConfig.DEFAULT.withMaxTotal(connectionsPerBackend)
                .withBorrowTimeout(commandTimeout.plus(connectTimeout));
    }

    @Override
    public byte[] write(Backend backend, KeyMode mode, byte[] userKey, byte[] value) {
        return timed(backend, true, pool -> pool.call(connection -> {
            if (mode == KeyMode.SEQ) {
                return connection.insert(value);
            }
            // nil means the same bytes are already there under this key: written all the same
            connection.set(userKey, value);
            return userKey;
        }));
    }

    @Override
    public Optional<byte[]> read(Backend backend, byte[] key) {
        return timed(backend, false, pool -> pool.call(connection -> connection.get(key)));
    }

    @Override
    public boolean delete(Backend backend, byte[] key) {
        return timed(backend, false, pool -> pool.call(connection -> connection.del(key)));
    }

    @Override
    public NamespaceInfo namespaceInfo(Backend backend) {
        return pool(backend).call(connection -> connection.nsinfo(backend.namespace()));
    }

    private <T> T timed(Backend backend, boolean write, Function<ZdbPool, T> work) {
        long start = System.nanoTime();
        try {
            T result = work.apply(pool(backend));
            health.success(backend.name(), System.nanoTime() - start, write);
            return result;
        } catch (ZdbException e) {
            health.failure(backend.name(), e);
            throw e;
        }
    }

    private ZdbPool pool(Backend backend) {
        if (closed) {
            throw new IllegalStateException("the store is closed");
        }
        return pools.computeIfAbsent(backend.name(), name -> new ZdbPool(clientConfig.apply(backend), poolConfig));
    }

    @Override
    public void close() {
        closed = true;
        pools.values().forEach(ZdbPool::close);
        pools.clear();
    }
}
