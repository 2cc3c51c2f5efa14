package io.qsctl.cli.cluster;

import io.qsctl.cli.context.VersionProvider;
import io.qsctl.provider.TwinId;
import io.qsctl.reconciler.Reconciler;
import io.qsctl.reconciler.api.ClusterState;
import io.qsctl.reconciler.api.ClusterStateJson;
import io.qsctl.reconciler.api.NamespaceProbe;
import io.qsctl.reconciler.api.Observation;
import io.qsctl.state.StateStore;
import java.util.Optional;

/**
 * A read-only look at a cluster: its saved state and what the grid says about it now. It takes no
 * lock (state files are replaced atomically, so a read never sees half a write), so {@code get}
 * and {@code status} answer even while an apply runs.
 */
public final class ClusterView {

    private final ClusterState state;
    private final Observation observation;
    private final boolean exists;

    private ClusterView(ClusterState state, Observation observation, boolean exists) {
        this.state = state;
        this.observation = observation;
        this.exists = exists;
    }

    /** The state, and what the grid says about its backends. */
    public static ClusterView of(ClusterSession session) {
        return of(session, Optional.empty());
    }

    /**
     * The state, what the grid says about its backends, and what each backend's namespace says
     * when asked directly (whether it is still there, its size, whether it is read-only).
     */
    public static ClusterView probing(ClusterSession session) {
        return of(session, Optional.of(session.namespaceProbe()));
    }

    private static ClusterView of(ClusterSession session, Optional<NamespaceProbe> probe) {
        Optional<ClusterState> saved = savedState(session);
        ClusterState state = saved.orElseGet(() -> ClusterState.empty(session.spec().name(),
                session.grid().info().network()));
        Optional<TwinId> twin = state.twin().or(() -> session.grid().twin(session.identity().identity().accountPublicKeyHex()));
        Observation observation = Reconciler.observe(session.grid(), state, twin, probe);
        return new ClusterView(state, observation, saved.isPresent());
    }

    /** The cluster's saved state, read and decrypted, without asking the grid anything. */
    public static Optional<ClusterState> savedState(ClusterSession session) {
        String cluster = session.spec().name();
        StateStore store = new StateStore(session.stateDir(), session.identity().identity().stateKey(cluster),
                VersionProvider.version());
        return store.read().map(s -> ClusterStateJson.fromJson(s.body()));
    }

    public ClusterState state() {
        return state;
    }

    public Observation observation() {
        return observation;
    }

    /** Whether the cluster was ever applied (a state file exists). */
    public boolean exists() {
        return exists;
    }
}
