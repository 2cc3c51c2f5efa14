package io.qsctl.reconciler;


import io.qsctl.common.ExitCode;
import io.qsctl.common.QsctlException;
import io.qsctl.provider.Grid;
import io.qsctl.provider.Signer;
import io.qsctl.provider.TwinId;
import io.qsctl.provider.identity.Identity;
import io.qsctl.reconciler.api.Action;
import io.qsctl.reconciler.api.ApplyListener;
import io.qsctl.reconciler.api.ApplyOptions;
import io.qsctl.reconciler.api.ApplyResult;
import io.qsctl.reconciler.api.ClusterState;
import io.qsctl.reconciler.api.ClusterStateJson;
import io.qsctl.reconciler.api.PartialApplyException;
import io.qsctl.reconciler.api.Plan;
import io.qsctl.reconciler.api.PlanMode;
import io.qsctl.reconciler.api.Resolution;
import io.qsctl.spec.StorageCluster;
import io.qsctl.state.Journal;
import io.qsctl.state.StateSnapshot;
import io.qsctl.state.StateStore;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs plans against the grid, and resumes interrupted runs.
 *
 * <p><b>Lock.</b> The caller holds the cluster's {@code StateLock} for the whole operation
 * (resume, plan, approval, apply): the applier reads and writes the state and journal as their only
 * writer. {@link Reconciler} does this for the CLI.
 *
 * <p><b>Apply.</b> The plan is checked first ({@link PlanVerifier}: stale → exit code 4, nothing
 * done). Then, in order: the state is created if there is none; the account's twin is registered
 * if it is not; every create and the new backend of every replacement is reserved, in batches whose
 * signing payload fits one QR code; grows; the old backends of replacements are cancelled; deletes.
 * For each batch the journal gets a pending entry per backend (idempotency key, node, deployment
 * hash) before the batch is signed and sent; after the grid answers, each backend is waited for
 * until its namespace answers, saved in the state, and its entry marked done. Grows and
 * cancellations are journalled, signed, sent and saved one by one the same way. The state is
 * saved after every backend that changes, never on a timer.
 *
 * <p><b>Replacement</b> is create before destroy: while its successor is reserved the old backend
 * is marked replacing; when the successor answers, the old one is marked retiring in the same
 * saved version; only then, after the grows, is its contract cancelled. Moving the data onto the
 * successor (rebuilding the missing shards) is the storage runtime's part and comes with it; until
 * then a replacement relies on the erasure coding's parity for the shards the old backend held.
 *
 * <p><b>Failures.</b> A grid error stops the apply: what was done stays done and saved, the failed
 * action's entry says failed (or stays pending when the grid's answer was lost), a node that
 * refused or did not answer is passed over by planning for a while, and a
 * {@link PartialApplyException} (exit code 3) names the backend, the reason, what to do and the
 * command to resume.
 *
 * <p><b>Resume</b> ({@link #resume}) settles an interrupted apply's pending entries by looking at
 * the grid (see {@link Resumer}); the caller then plans again and applies what is left.
 */
final class Applier {

    private final Grid grid;
    private final Identity identity;
    private final Signer signer;
    private final Store store;
    private final ApplyOptions options;
    private final AtomicBoolean stop = new AtomicBoolean();

    /** Signs with the identity's own account key ({@code signing: local}). */
    Applier(Grid grid, Identity identity, StateStore state, Journal journal, ApplyOptions options) {
        this(grid, identity, identity.accountSigner(), Store.of(state, journal), options);
    }

    /** Signs with {@code signer}: e.g. the user's phone through ThreeFold Connect ({@code signing: connect}). */
    Applier(Grid grid, Identity identity, Signer signer, StateStore state, Journal journal,
                   ApplyOptions options) {
        this(grid, identity, signer, Store.of(state, journal), options);
    }

    Applier(Grid grid, Identity identity, Signer signer, Store store, ApplyOptions options) {
        this.grid = Objects.requireNonNull(grid, "grid");
        this.identity = Objects.requireNonNull(identity, "identity");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.store = Objects.requireNonNull(store, "store");
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Applies a plan made by {@link Planner#plan} for {@code cluster} (the spec as it is now: its
     * hash must be the plan's).
     *
     * @throws QsctlException CONFLICT (4) for a stale plan, PARTIAL (3) when the apply stopped
     *     part-way or an earlier one must be resumed first, INTERRUPTED (130) after {@link #requestStop}
     */
    ApplyResult apply(Plan plan, StorageCluster cluster, ApplyListener listener) {
        if (plan.mode() != PlanMode.APPLY && plan.mode() != PlanMode.REFRESH_ONLY) {
            throw QsctlException.invalidInput("this is a " + plan.mode().id() + " plan; apply it with destroy");
        }
        return run(plan, Optional.of(cluster), listener);
    }

    /** Runs a plan made by {@link Planner#planDestroy}: cancels everything, then marks the state destroyed. */
    ApplyResult destroy(Plan plan, ApplyListener listener) {
        if (plan.mode() != PlanMode.DESTROY) {
            throw QsctlException.invalidInput("this is not a destroy plan");
        }
        return run(plan, Optional.empty(), listener);
    }

    /**
     * The checks {@link #apply} makes before it sends anything, alone: a saved plan is refused
     * (exit code 4) when stale, even one with nothing to do, which would otherwise report "no
     * changes" for a cluster that another operation has changed since.
     */
    void verify(Plan plan, Optional<StorageCluster> cluster) {
        PlanVerifier.verify(plan, cluster, store.read(), store, grid, grid.twin(identity.accountPublicKeyHex()),
                options.resumeCommand());
    }

    /** Settles what an interrupted apply left pending; see {@link Resumer}. */
    Resolution resume(ApplyListener listener) {
        return new Resumer(grid, store, listener).resume();
    }

    /**
     * Asks a running apply to stop before its next action (first Ctrl-C): the action under way
     * finishes and is saved, then the apply ends with exit code 130 and can be resumed.
     * Thread-safe.
     */
    void requestStop() {
        stop.set(true);
    }

    private ApplyResult run(Plan plan, Optional<StorageCluster> cluster, ApplyListener listener) {
        long started = System.nanoTime();
        Optional<StateSnapshot> current = store.read();
        Optional<TwinId> twin = grid.twin(identity.accountPublicKeyHex());
        PlanVerifier.verify(plan, cluster, current, store, grid, twin, options.resumeCommand());
        if (plan.mode() == PlanMode.REFRESH_ONLY || (current.isEmpty() && !plan.hasChanges())) {
            ClusterState state = current.map(s -> ClusterStateJson.fromJson(s.body()))
                    .orElse(ClusterState.empty(plan.cluster(), plan.network()));
            return new ApplyResult(plan, state, current.map(StateSnapshot::serial).orElse(0L), List.of(),
                    Duration.ofNanos(System.nanoTime() - started));
        }
        StateSnapshot snapshot = current.orElseGet(() -> store.write(null,
                ClusterStateJson.toJson(ClusterState.empty(plan.cluster(), plan.network()))));
        Ledger ledger = new Ledger(store, snapshot, grid::now);
        TwinId account = plan.hasChanges() ? ensureTwin(ledger, twin) : twin.orElse(null);
        List<Action> done;
        try {
            done = new Execution(grid, identity, signer, options, plan, ledger, account, listener, stop).run();
        } catch (UncheckedIOException e) {
            throw localWriteFailed(plan, e);
        }
        if (plan.mode() == PlanMode.DESTROY) {
            // The state now records that nothing is left: the journals can settle nothing any more.
            store.discardJournals();
        } else {
            store.archive();
        }
        return new ApplyResult(plan, ledger.state(), ledger.snapshot().serial(), done,
                Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * The state or the journal could not be written (a full disk, most often) part-way through.
     * Every grid call is journalled before it is sent and the state saved after, so what happened
     * is known or can be found on the grid: it is a stop to resume, not an error to start over from.
     */
    private QsctlException localWriteFailed(Plan plan, UncheckedIOException e) {
        String why = e.getCause() == null || e.getMessage().contains(String.valueOf(e.getCause().getMessage()))
                ? e.getMessage() : e.getMessage() + ": " + e.getCause().getMessage();
        return new QsctlException(ExitCode.PARTIAL, plan.mode().id() + " stopped part-way: " + why + ".\n"
                + "What reached the grid is in the state or in the journal, so resuming pays nothing twice. Once the"
                + " state directory can be written again (free some space), resume with: " + options.resumeCommand(),
                e);
    }

    private TwinId ensureTwin(Ledger ledger, Optional<TwinId> registered) {
        TwinId twin = registered.orElseGet(() -> grid.createTwin(identity.accountPublicKeyHex()));
        Optional<TwinId> recorded = ledger.state().twin();
        if (recorded.isPresent() && !recorded.get().equals(twin)) {
            throw QsctlException.invalidInput("the state of " + ledger.state().cluster() + " belongs to twin "
                    + recorded.get() + ", but this identity is twin " + twin + " on the " + grid.info().network()
                    + " grid; use the identity (mnemonic) that created the cluster");
        }
        if (recorded.isEmpty()) {
            ledger.save(ledger.state().withTwin(twin));
        }
        return twin;
    }
}
