package io.qsctl.reconciler;

import io.qsctl.common.ExitCode;
import io.qsctl.common.QsctlException;
import io.qsctl.provider.Grid;
import io.qsctl.provider.Signer;
import io.qsctl.provider.TwinId;
import io.qsctl.provider.identity.Identity;
import io.qsctl.reconciler.api.ApplyListener;
import io.qsctl.reconciler.api.ApplyOptions;
import io.qsctl.reconciler.api.ApplyResult;
import io.qsctl.reconciler.api.ClusterState;
import io.qsctl.reconciler.api.ClusterStateJson;
import io.qsctl.reconciler.api.NamespaceProbe;
import io.qsctl.reconciler.api.Observation;
import io.qsctl.reconciler.api.Plan;
import io.qsctl.reconciler.api.PlanFile;
import io.qsctl.reconciler.api.PlanMode;
import io.qsctl.reconciler.api.PlanOptions;
import io.qsctl.reconciler.api.Resolution;
import io.qsctl.reconciler.api.StateBinding;
import io.qsctl.spec.StorageCluster;
import io.qsctl.state.Journal;
import io.qsctl.state.JournalEntry;
import io.qsctl.state.LockInfo;
import io.qsctl.state.LockWaiting;
import io.qsctl.state.StateLock;
import io.qsctl.state.StateSnapshot;
import io.qsctl.state.StateStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One cluster's reconciler, as the CLI uses it: opened under the cluster's state lock, it plans,
 * applies, resumes, destroys and reports status. Closing it releases the lock.
 *
 * <pre>{@code
 * try (Reconciler r = Reconciler.open(grid, identity, "family-photos", stateDir, version, "apply",
 *         lockTimeout, ApplyOptions.defaults().withResumeCommand("qsctl apply -f storage.yaml --resume"))) {
 *     if (resume) r.resume(listener);           // apply --resume: settle an interrupted apply
 *     Plan plan = r.plan(cluster, PlanOptions.defaults());
 *     ... render plan.drift(), plan.actions() (Action.describe()), plan.summary().line(); ask ...
 *     ApplyResult result = r.apply(plan, cluster, listener);
 * }
 * }</pre>
 *
 * A saved plan ({@link PlanFile#read}) is applied the same way; a stale one is refused with exit
 * code 4. Ctrl-C: call {@link #requestStop()} from the signal handler.
 */
public final class Reconciler implements AutoCloseable {

    private final Grid grid;
    private final Identity identity;
    private final String cluster;
    private final StateLock lock;
    private final Journal journal;
    private final Store store;
    private final Applier applier;
    private Optional<NamespaceProbe> probe = Optional.empty();

    private Reconciler(Grid grid, Identity identity, String cluster, StateLock lock, Journal journal, Store store,
                       Applier applier) {
        this.grid = grid;
        this.identity = identity;
        this.cluster = cluster;
        this.lock = lock;
        this.journal = journal;
        this.store = store;
        this.applier = applier;
    }

    /**
     * Takes the lock of {@code stateDir} (the cluster's own directory) for {@code operation},
     * waiting up to {@code lockTimeout} (exit code 4 naming the holder when it is not free), and
     * opens the cluster's encrypted state and journal. Signs with the identity's account key.
     */
    public static Reconciler open(Grid grid, Identity identity, String cluster, Path stateDir, String toolVersion,
                                  String operation, Duration lockTimeout, ApplyOptions options) {
        return open(grid, identity, identity.accountSigner(), cluster, stateDir, toolVersion, operation, lockTimeout,
                options);
    }

    /** As {@link #open(Grid, Identity, String, Path, String, String, Duration, ApplyOptions)}, signing with {@code signer}. */
    public static Reconciler open(Grid grid, Identity identity, Signer signer, String cluster, Path stateDir,
                                  String toolVersion, String operation, Duration lockTimeout, ApplyOptions options) {
        return open(grid, identity, signer, cluster, stateDir, toolVersion, operation, lockTimeout, LockWaiting.SILENT,
                options);
    }

    /**
     * As {@link #open(Grid, Identity, Signer, String, Path, String, String, Duration, ApplyOptions)},
     * telling {@code waiting} when the lock is held by another operation and the wait for it begins.
     */
    public static Reconciler open(Grid grid, Identity identity, Signer signer, String cluster, Path stateDir,
                                  String toolVersion, String operation, Duration lockTimeout, LockWaiting waiting,
                                  ApplyOptions options) {
        StateLock lock = StateLock.acquire(stateDir, operation, toolVersion, lockTimeout, waiting);
        try {
            StateStore state = new StateStore(stateDir, identity.stateKey(cluster), toolVersion);
            Journal journal = Journal.open(stateDir);
            Store store = Store.of(state, journal);
            return new Reconciler(grid, identity, cluster, lock, journal, store,
                    new Applier(grid, identity, signer, store, options));
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * What the grid says now about the backends of {@code state} and, with a {@code probe}, what
     * each backend's namespace says when asked directly. Takes no lock and changes nothing, so
     * {@code get} and {@code status} answer while an apply runs.
     */
    public static Observation observe(Grid grid, ClusterState state, Optional<TwinId> twin,
                                      Optional<NamespaceProbe> probe) {
        return new Planner(grid, probe).refresh(state, twin);
    }

    /**
     * From now on, refreshing (plan, status) also asks each backend's namespace through
     * {@code namespaceProbe}: the only way to see a node that lost its disk but stays up.
     */
    public Reconciler observingNamespaces(NamespaceProbe namespaceProbe) {
        this.probe = Optional.of(namespaceProbe);
        return this;
    }

    /** The previous holder of the lock, if it ended without releasing it (killed mid-apply?). */
    public Optional<LockInfo> staleLockHolder() {
        return lock.staleHolder();
    }

    /** Whether an interrupted apply left journal entries to settle ({@link #resume}). */
    public boolean interrupted() {
        return !store.unresolved().isEmpty();
    }

    /**
     * Which operation left journal entries unsettled: {@link PlanMode#DESTROY} when any of them
     * belongs to a destroy, else {@link PlanMode#APPLY} (also for journals that do not say, from
     * before entries recorded it); empty when nothing was interrupted. A destroy is finished with
     * destroy's own resume: settling it with {@code apply --resume} would build the cluster again.
     */
    public Optional<PlanMode> interruptedOperation() {
        List<JournalEntry> open = store.unresolved();
        if (open.isEmpty()) {
            return Optional.empty();
        }
        boolean destroy = open.stream().anyMatch(e -> PlanMode.DESTROY.id().equals(e.details().path("operation")
                .asString("")));
        return Optional.of(destroy ? PlanMode.DESTROY : PlanMode.APPLY);
    }

    /** The state as saved ({@link ClusterState#empty} when there is none yet). */
    public ClusterState state() {
        return snapshot().map(s -> ClusterStateJson.fromJson(s.body())).orElse(ClusterState.empty(cluster,
                grid.info().network()));
    }

    /** The lineage and serial a plan made now would bind. */
    public StateBinding binding() {
        return snapshot().map(s -> new StateBinding(Optional.of(s.lineage().toString()), s.serial()))
                .orElse(StateBinding.none());
    }

    /** The identity's twin on this grid, if registered. */
    public Optional<TwinId> twin() {
        return grid.twin(identity.accountPublicKeyHex());
    }

    /** Settles an interrupted apply (journal entries still pending) by looking at the grid. */
    public Resolution resume(ApplyListener listener) {
        return applier.resume(listener);
    }

    /**
     * Plans the changes that converge the cluster to {@code spec}. Refused (exit code 3) while an
     * interrupted apply is unsettled: resume first, or the plan could redo what already happened.
     */
    public Plan plan(StorageCluster spec, PlanOptions options) {
        checkCluster(spec);
        requireSettled();
        ClusterState state = state();
        return planner().plan(spec, state, binding(), checkTwin(state), options);
    }

    /** Plans cancelling everything of the cluster. */
    public Plan planDestroy() {
        requireSettled();
        ClusterState state = state();
        return new Planner(grid).planDestroy(state, binding(), checkTwin(state));
    }

    /**
     * Whether there is nothing left for a destroy to do: no state, or one marked destroyed. A
     * destroy killed after its last cancellation leaves a state with no backends that is not yet
     * marked; running the (empty) destroy plan marks it.
     */
    public boolean destroyed() {
        return snapshot().isEmpty() || state().destroyed();
    }

    /** When the saved state was marked destroyed; empty when it is not, or there is no state. */
    public Optional<Instant> destroyedAt() {
        return snapshot().filter(s -> ClusterStateJson.fromJson(s.body()).destroyed()).map(StateSnapshot::updated);
    }

    /**
     * Whether a saved plan may still be applied: the checks {@link #apply} makes first (stale →
     * exit code 4), for a plan file before it is shown, and also when it has nothing to do.
     */
    public void verify(Plan plan, StorageCluster spec) {
        checkCluster(spec);
        applier.verify(plan, Optional.of(spec));
    }

    public ApplyResult apply(Plan plan, StorageCluster spec, ApplyListener listener) {
        checkCluster(spec);
        return applier.apply(plan, spec, listener);
    }

    public ApplyResult destroy(Plan plan, ApplyListener listener) {
        return applier.destroy(plan, listener);
    }

    /** The state's backends as the grid sees them now, with drift ({@code qsctl status}). Changes nothing. */
    public Observation status() {
        ClusterState state = state();
        return planner().refresh(state, state.twin().or(this::twin));
    }

    /** First Ctrl-C: finish the action under way, save, stop (exit code 130, resumable). Thread-safe. */
    public void requestStop() {
        applier.requestStop();
    }

    @Override
    public void close() {
        try {
            journal.close();
        } finally {
            lock.close();
        }
    }

    private Planner planner() {
        return new Planner(grid, probe);
    }

    private Optional<StateSnapshot> snapshot() {
        return store.read();
    }

    private void checkCluster(StorageCluster spec) {
        Objects.requireNonNull(spec, "spec");
        if (!spec.name().equals(cluster)) {
            throw QsctlException.invalidInput("the spec is for cluster " + spec.name() + ", this state is " + cluster);
        }
        if (!spec.spec().network().id().equals(grid.info().network())) {
            throw QsctlException.invalidInput("the spec asks for the " + spec.spec().network().id()
                    + " network, but the grid given is " + grid.info().network());
        }
        ClusterState state = state();
        if (!state.backends().isEmpty() && !state.network().equals(spec.spec().network().id())) {
            throw QsctlException.invalidInput("cluster " + cluster + " lives on the " + state.network() + " network;"
                    + " a cluster cannot move networks (destroy it there, or give the new one another name)");
        }
    }

    /** The identity's twin, which must be the one the state recorded (a cluster belongs to one account). */
    private Optional<TwinId> checkTwin(ClusterState state) {
        Optional<TwinId> twin = twin();
        if (state.twin().isPresent() && !state.twin().equals(twin)) {
            throw QsctlException.invalidInput("the state of " + cluster + " belongs to twin " + state.twin().get()
                    + ", but this identity is " + twin.map(t -> "twin " + t).orElse("not registered")
                    + " on the " + grid.info().network() + " grid; use the identity (mnemonic) that created the cluster");
        }
        return twin;
    }

    private void requireSettled() {
        Optional<PlanMode> interrupted = interruptedOperation();
        if (interrupted.isPresent()) {
            String operation = interrupted.get().id();
            throw new QsctlException(ExitCode.PARTIAL, "an earlier " + operation + " of " + cluster + " was interrupted"
                    + " and " + store.unresolved().size() + " of its actions are unsettled; resume it first (" + operation
                    + " --resume)");
        }
    }
}
