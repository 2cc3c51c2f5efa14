package io.qsctl.zstor;

import io.qsctl.zdb.client.NamespaceInfo;
import io.qsctl.zstor.backend.Backend;
import io.qsctl.zstor.segment.KeyMode;
import io.qsctl.zstor.store.ShardIo;
import java.util.Optional;
import java.util.Set;

/**
 * A fake around the store's real door to its backends: everything goes through to the real 0-db
 * servers, except one kind of operation on chosen backends, which throws an
 * {@link IllegalStateException} as a bug of ours would (not a {@code ZdbException}: the backend
 * itself is fine).
 */
final class PlantedBug implements ShardIo {

    enum Operation { WRITE, READ, DELETE, NSINFO }

    private ShardIo real;
    private volatile Operation operation;
    private volatile Set<String> backends = Set.of();

    /** Given to {@link ZStore#open(io.qsctl.zstor.store.ZStoreConfig, java.util.function.UnaryOperator)}. */
    ShardIo around(ShardIo door) {
        this.real = door;
        return this;
    }

    /** From now on, {@code operation} on these backends throws. */
    void plant(Operation what, String... on) {
        this.backends = Set.of(on);
        this.operation = what;
    }

    private void trip(Operation what, Backend backend) {
        if (what == operation && backends.contains(backend.name())) {
            throw new IllegalStateException("planted bug: " + what + " on " + backend.name());
        }
    }

    @Override
    public byte[] write(Backend backend, KeyMode mode, byte[] userKey, byte[] value) {
        trip(Operation.WRITE, backend);
        return real.write(backend, mode, userKey, value);
    }

    @Override
    public Optional<byte[]> read(Backend backend, byte[] key) {
        trip(Operation.READ, backend);
        return real.read(backend, key);
    }

    @Override
    public boolean delete(Backend backend, byte[] key) {
        trip(Operation.DELETE, backend);
        return real.delete(backend, key);
    }

    @Override
    public NamespaceInfo namespaceInfo(Backend backend) {
        trip(Operation.NSINFO, backend);
        return real.namespaceInfo(backend);
    }

    @Override
    public void close() {
        real.close();
    }
}
