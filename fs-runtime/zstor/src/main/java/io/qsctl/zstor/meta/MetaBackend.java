package io.qsctl.zstor.meta;

import io.qsctl.zdb.client.Pending;
import io.qsctl.zdb.client.Pipeline;
import io.qsctl.zdb.client.ReconnectPolicy;
import io.qsctl.zdb.client.ScanEntry;
import io.qsctl.zdb.client.ScanPage;
import io.qsctl.zdb.client.ZdbClientConfig;
import io.qsctl.zdb.client.ZdbConnection;
import io.qsctl.zdb.client.ZdbConnectionException;
import io.qsctl.zdb.client.ZdbPool;
import io.qsctl.zdb.client.ZdbPoolConfig;
import io.qsctl.zdb.client.ZdbProtocolException;
import io.qsctl.zstor.backend.Backend;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One metadata backend: a pool of connections to its 0-db namespace and the few commands the
 * store needs. Every command here is idempotent (GET, SET of a value that is the same on a
 * replay, DEL, SCAN, PING), so one that failed because the connection broke, typically a pooled
 * connection to a server that restarted since, is tried once more on a fresh connection.
 */
final class MetaBackend implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MetaBackend.class);

    private final int index;
    private final Backend backend;
    private final ZdbPool pool;

    MetaBackend(int index, Backend backend, MetadataStoreOptions options) {
        this.index = index;
        this.backend = backend;
        ZdbClientConfig config = backend.clientConfig()
                .withConnectTimeout(options.backendTimeout())
                .withCommandTimeout(options.backendTimeout())
                .withReconnect(ReconnectPolicy.NONE);
        this.pool = new ZdbPool(config, ZdbPoolConfig.DEFAULT
                .withMaxTotal(options.connectionsPerBackend())
                .withMaxIdle(options.connectionsPerBackend())
                .withBorrowTimeout(options.backendTimeout()));
    }

    int index() {
        return index;
    }

    String name() {
        return backend.name();
    }

    /** GETs of all keys in one round trip; empty where a key holds nothing. */
    List<Optional<byte[]>> get(List<byte[]> keys) {
        return call(connection -> {
            Pipeline pipeline = connection.pipeline();
            List<Pending<Optional<byte[]>>> pending = new ArrayList<>(keys.size());
            for (byte[] key : keys) {
                pending.add(pipeline.get(key));
            }
            pipeline.sync();
            List<Optional<byte[]>> values = new ArrayList<>(keys.size());
            for (Pending<Optional<byte[]>> p : pending) {
                values.add(p.get());
            }
            return values;
        });
    }

    /** SET; 0-db answering "unchanged" (the same bytes are already there) is as good as stored. */
    void set(byte[] key, byte[] value) {
        call(connection -> connection.set(key, value));
    }

    void delete(byte[] key) {
        call(connection -> connection.del(key));
    }

    /**
     * Every key of the namespace with its value size, page by page. After a broken connection the
     * walk starts again, so the sink may see a key twice.
     */
    void scanKeys(Consumer<ScanEntry> sink) {
        call(connection -> {
            Optional<ScanPage> page = connection.scan();
            while (page.isPresent()) {
                page.get().entries().forEach(sink);
                page = connection.scan(page.get().cursor());
            }
            return null;
        });
    }

    void ping() {
        call(ZdbConnection::ping);
    }

    private <T> T call(Function<ZdbConnection, T> work) {
        try {
            return pool.call(work);
        } catch (ZdbConnectionException | ZdbProtocolException e) {
            log.debug("metadata backend {}: {}; trying once more on a fresh connection", backend.name(), e.getMessage());
            return pool.call(work);
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    @Override
    public String toString() {
        return "MetaBackend[" + index + " " + backend + "]";
    }
}
