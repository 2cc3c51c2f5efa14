package io.qsctl.cli.object;

import io.qsctl.cli.cluster.ClusterBackends;
import io.qsctl.cli.cluster.ClusterSession;
import io.qsctl.cli.cluster.ClusterView;
import io.qsctl.common.ExitCode;
import io.qsctl.common.FileTrees;
import io.qsctl.common.IoReasons;
import io.qsctl.common.QsctlException;
import io.qsctl.provider.identity.Identity;
import io.qsctl.reconciler.api.ClusterState;
import io.qsctl.spec.Redundancy;
import io.qsctl.state.StateLock;
import io.qsctl.zstor.ZStore;
import io.qsctl.zstor.meta.MetadataStoreOptions;
import io.qsctl.zstor.meta.ReplicatedMetadataStore;
import io.qsctl.zstor.store.ZStoreConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * The erasure store of an applied cluster, opened for one command: data and metadata backends
 * from the cluster's state, keys from the identity, the local metadata index under the cluster's
 * state directory. Commands that write (put, repair, delete) also hold the store's own lock, so
 * two writers never race on one segment's metadata; it is separate from the state lock so that a
 * long upload does not block {@code apply}.
 */
public final class ClusterStore implements AutoCloseable {

    /** The local metadata index, a cache of what the metadata backends acknowledged. */
    private static final String INDEX = "meta-index";

    private final ReplicatedMetadataStore metadata;
    private final ZStore store;
    private final Optional<StateLock> lock;

    private ClusterStore(ReplicatedMetadataStore metadata, ZStore store, Optional<StateLock> lock) {
        this.metadata = metadata;
        this.store = store;
        this.lock = lock;
    }

    /** The store directory of a cluster: local metadata index and the writers' lock. */
    public static Path directory(ClusterSession session) {
        return session.stateDir().resolve("zstor");
    }

    /**
     * After a destroy, forgets the local metadata index: it describes objects whose backends are
     * gone, and a cluster created again under the same name (same identity, so the same keys)
     * would find them there and try to read them. Removed under the writers' lock, without waiting
     * for it: false when another object command holds it, and the index was left.
     */
    public static boolean forgetLocalIndex(ClusterSession session, String version) {
        Path dir = directory(session);
        Path index = dir.resolve(INDEX);
        if (!Files.exists(index)) {
            return true;
        }
        try (StateLock lock = StateLock.acquire(dir, "destroy", version, Duration.ZERO)) {
            FileTrees.delete(index);
            return true;
        } catch (QsctlException e) {
            if (e.exitCode() != ExitCode.CONFLICT) {
                throw e;
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the object store's local index " + index, e);
        }
    }

    public static ClusterStore open(ClusterSession session, boolean writer, Duration lockTimeout, String operation,
            String version) {
        // the saved state is all the store needs: refreshing the grid's view here would cost every
        // object command a round of grid queries whose answers it does not use
        ClusterState state = ClusterView.savedState(session).orElseThrow(() -> QsctlException.invalidInput("cluster "
                + session.spec().name() + " has not been applied yet (no state in " + session.stateDir()
                + "): run `qsctl apply -f " + session.specName() + "` first"));
        Identity identity = session.identity().identity();
        String cluster = session.spec().name();
        ClusterBackends backends = ClusterBackends.of(state, identity);
        Redundancy redundancy = session.spec().spec().redundancy();
        Path dir = directory(session);
        Optional<StateLock> lock = writer ? Optional.of(lock(dir, operation, version, lockTimeout)) : Optional.empty();
        byte[] metadataKey = identity.metadataKey(cluster);
        byte[] dataKey = identity.dataKey(cluster);
        ReplicatedMetadataStore metadata = null;
        try {
            metadata = openMetadata(backends, metadataKey, dir.resolve(INDEX));
            ZStore store = ZStore.open(ZStoreConfig.of(backends.data(), redundancy.dataShards(),
                    redundancy.parityShards(), dataKey, metadata));
            return new ClusterStore(metadata, store, lock);
        } catch (RuntimeException e) {
            if (metadata != null) {
                metadata.close();
            }
            lock.ifPresent(StateLock::close);
            throw e;
        } finally {
            Arrays.fill(metadataKey, (byte) 0);
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /**
     * The writers' lock. Taking it writes a small record of who holds it; on a full disk that
     * fails, and the command stops here, before anything is sent to a backend.
     */
    private static StateLock lock(Path dir, String operation, String version, Duration lockTimeout) {
        try {
            return StateLock.acquire(dir, operation, version, lockTimeout);
        } catch (UncheckedIOException e) {
            throw new QsctlException(ExitCode.ERROR, "cannot take the object store's lock in " + dir + ": "
                    + IoReasons.of(e) + "; nothing was changed", e);
        }
    }

    /** The metadata store; opening its local index the first time writes a small FORMAT file. */
    private static ReplicatedMetadataStore openMetadata(ClusterBackends backends, byte[] metadataKey, Path index) {
        try {
            return ReplicatedMetadataStore.open(backends.metadata(), metadataKey, index, MetadataStoreOptions.DEFAULT);
        } catch (UncheckedIOException e) {
            throw new QsctlException(ExitCode.ERROR, "cannot open the local metadata index " + index + ": "
                    + IoReasons.of(e) + "; nothing was changed", e);
        }
    }

    public ZStore store() {
        return store;
    }

    public ReplicatedMetadataStore metadata() {
        return metadata;
    }

    @Override
    public void close() {
        try {
            store.close();
        } finally {
            try {
                metadata.close();
            } finally {
                lock.ifPresent(StateLock::close);
            }
        }
    }
}
