package io.qsctl.reconciler;

import io.qsctl.common.Backoff;
import io.qsctl.common.Durations;
import io.qsctl.common.ExitCode;
import io.qsctl.common.QsctlException;
import io.qsctl.provider.BackendSpec;
import io.qsctl.provider.Contract;
import io.qsctl.provider.ContractId;
import io.qsctl.provider.Deployment;
import io.qsctl.provider.Grid;
import io.qsctl.provider.GridException;
import io.qsctl.provider.NodeId;
import io.qsctl.provider.ReservationBatch;
import io.qsctl.provider.Signed;
import io.qsctl.provider.Signer;
import io.qsctl.provider.TwinId;
import io.qsctl.provider.ZdbEndpoint;
import io.qsctl.provider.identity.Identity;
import io.qsctl.reconciler.api.Action;
import io.qsctl.reconciler.api.ApplyEvent;
import io.qsctl.reconciler.api.ApplyListener;
import io.qsctl.reconciler.api.ApplyOptions;
import io.qsctl.reconciler.api.BackendRecord;
import io.qsctl.reconciler.api.BackendStatus;
import io.qsctl.reconciler.api.ClusterState;
import io.qsctl.reconciler.api.CreateBackend;
import io.qsctl.reconciler.api.DeleteBackend;
import io.qsctl.reconciler.api.GrowBackend;
import io.qsctl.reconciler.api.Json;
import io.qsctl.reconciler.api.NodeChoice;
import io.qsctl.reconciler.api.PartialApplyException;
import io.qsctl.reconciler.api.Plan;
import io.qsctl.reconciler.api.PlanMode;
import io.qsctl.reconciler.api.ReplaceBackend;
import io.qsctl.state.JournalEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One run of a plan, phase by phase: reserve (creates and the new backends of replacements, in
 * QR-sized batches), grow, retire (cancel the old backends of replacements), delete, finish. Every
 * signed call is journalled pending before it is sent and done or failed after; the state is
 * saved after every backend that changes. A grid failure stops the run with a
 * {@link PartialApplyException}; nothing done is undone.
 */
final class Execution {

    private static final Logger LOG = LoggerFactory.getLogger(Execution.class);

    private final Grid grid;
    private final Identity identity;
    private final Signer signer;
    private final ApplyOptions options;
    private final Plan plan;
    private final Ledger ledger;
    private final TwinId twin;
    private final ApplyListener listener;
    private final AtomicBoolean stop;
    private final List<Action> done = new ArrayList<>();
    private final Set<Integer> finished = new HashSet<>();

    Execution(Grid grid, Identity identity, Signer signer, ApplyOptions options, Plan plan, Ledger ledger, TwinId twin,
              ApplyListener listener, AtomicBoolean stop) {
        this.grid = grid;
        this.identity = identity;
        this.signer = signer;
        this.options = options;
        this.plan = plan;
        this.ledger = ledger;
        this.twin = twin;
        this.listener = listener;
        this.stop = stop;
    }

    List<Action> run() {
        long started = System.nanoTime();
        Resumer.settleDeploying(grid, ledger, listener);
        reserve();
        long phase = System.nanoTime();
        for (GrowBackend g : plan.actionsOf(GrowBackend.class)) {
            grow(g);
        }
        phase = phaseDone("grow", plan.actionsOf(GrowBackend.class).size(), phase);
        for (ReplaceBackend r : plan.actionsOf(ReplaceBackend.class)) {
            retire(r);
        }
        phase = phaseDone("retire", plan.actionsOf(ReplaceBackend.class).size(), phase);
        for (DeleteBackend d : plan.actionsOf(DeleteBackend.class)) {
            delete(d);
        }
        phaseDone("delete", plan.actionsOf(DeleteBackend.class).size(), phase);
        LOG.debug("{} of {}: {} actions in {} ms", plan.mode().id(), plan.cluster(), plan.actions().size(),
                (System.nanoTime() - started) / 1_000_000);
        ClusterState last = ledger.state();
        ClusterState next = plan.mode() == PlanMode.DESTROY ? last.markDestroyed() : last.withSpecHash(plan.specHash());
        if (!next.equals(last)) {
            ledger.save(next);
        }
        return List.copyOf(done);
    }

    /** Logs how long a phase took, if it had anything to do; returns when the next one starts. */
    private static long phaseDone(String phase, int actions, long started) {
        long now = System.nanoTime();
        if (actions > 0) {
            LOG.debug("{}: {} backends in {} ms", phase, actions, (now - started) / 1_000_000);
        }
        return now;
    }

    // ---- reserve ----

    /** A backend to reserve, for a create or the new half of a replacement. */
    private record Reservation(Action action, String key, BackendSpec spec, Deployment deployment, NodeChoice target,
                               int generation) {
        ObjectNode details(String batch, PlanMode mode) {
            ObjectNode d = Json.object();
            d.put("kind", "reserve");
            d.put("operation", mode.id());
            d.put("backend", spec.name());
            d.put("role", spec.role().id());
            d.put("node", spec.node().value());
            d.put("farm", target.farm().value());
            d.put("country", target.country());
            d.put("size", spec.size());
            d.put("mode", spec.mode().id());
            d.put("hash", deployment.hash());
            d.put("generation", generation);
            d.put("batch", batch);
            if (action instanceof ReplaceBackend r) {
                d.put("replaces", r.oldContract().value());
            }
            return d;
        }
    }

    private void reserve() {
        List<Reservation> all = new ArrayList<>();
        List<ReservationBatcher.Item> items = new ArrayList<>();
        for (Action a : plan.actions()) {
            Reservation r;
            if (a instanceof CreateBackend c) {
                r = reservation(a, key(a), c.target(), c.size(), c.mode());
            } else if (a instanceof ReplaceBackend rb) {
                r = reservation(a, key(a) + "/create", rb.target(), rb.size(), rb.mode());
            } else {
                continue;
            }
            all.add(r);
            items.add(new ReservationBatcher.Item(r.deployment(), plan.quote().hourlyFor(a.backend())));
        }
        if (all.isEmpty()) {
            return;
        }
        List<ReservationBatch> batches = ReservationBatcher.batch(plan.network(), plan.id(), twin, items);
        int next = 0;
        for (int b = 0; b < batches.size(); b++) {
            ReservationBatch batch = batches.get(b);
            List<Reservation> group = all.subList(next, next + batch.deployments().size());
            next += group.size();
            reserveBatch(batch, b + 1, batches.size(), group);
        }
    }

    private Reservation reservation(Action a, String key, NodeChoice target, long size, io.qsctl.provider.ZdbMode mode) {
        BackendSpec spec = new BackendSpec(plan.cluster(), a.backend(), a.role(), target.node(), size, mode);
        Deployment d = Deployment.of(twin, spec, identity.namespacePassword(plan.cluster(), a.backend()));
        int generation = 1 + ledger.state().backends().stream().filter(x -> x.name().equals(a.backend()))
                .mapToInt(BackendRecord::generation).max().orElse(0);
        return new Reservation(a, key, spec, d, target, generation);
    }

    private void reserveBatch(ReservationBatch batch, int number, int of, List<Reservation> group) {
        checkStop(group.get(0).action());
        for (Reservation r : group) {
            if (r.action() instanceof ReplaceBackend rb) {
                markReplacing(rb);
            }
        }
        List<JournalEntry> entries = new ArrayList<>();
        for (Reservation r : group) {
            entries.add(ledger.pending(plan.id(), r.action().index(), r.key(), r.details(batch.id(), plan.mode())));
        }
        long started = System.nanoTime();
        for (Reservation r : group) {
            listener.on(new ApplyEvent.ActionStarted(r.action()));
        }
        listener.on(new ApplyEvent.SigningBatch(batch, number, of));
        List<Contract> made;
        try {
            made = grid.reserve(batch, signer.sign(batch.signingPayload()));
        } catch (GridException e) {
            throw reserveFailed(group, entries, e, started);
        }
        // The nodes deploy in parallel: one deadline for the whole batch, not one per backend.
        long deadline = System.nanoTime() + options.deployTimeout().toNanos();
        Reservation notDeployed = null;
        for (int k = 0; k < group.size(); k++) {
            if (!record(group.get(k), entries.get(k), made.get(k), started, deadline) && notDeployed == null) {
                notDeployed = group.get(k);
            }
        }
        if (notDeployed != null) {
            throw notDeployed(notDeployed, started);
        }
        LOG.debug("batch {} of {} ({}): {} backends signed, reserved and deployed in {} ms", number, of, batch.id(),
                group.size(), elapsed(started).toMillis());
    }

    private void markReplacing(ReplaceBackend r) {
        ledger.state().byContract(r.oldContract()).filter(b -> b.status() == BackendStatus.ACTIVE
                || b.status() == BackendStatus.DEPLOYING).ifPresent(b ->
                ledger.save(ledger.state().with(b.withStatus(BackendStatus.REPLACING, ledger.now()))));
    }

    /** Records a reserved backend in the state, waiting for its namespace first; false when it did not come up. */
    private boolean record(Reservation r, JournalEntry entry, Contract contract, long started, long deadline) {
        Optional<ZdbEndpoint> endpoint = awaitEndpoint(r.action(), contract.id(), started, deadline);
        ledger.save(Adoption.adopt(ledger.state(), r.spec(), r.target(), contract, r.generation(), endpoint, ledger.now()));
        ObjectNode details = entry.details();
        details.put("contract", contract.id().value());
        ledger.done(entry, details);
        if (endpoint.isEmpty()) {
            avoid(contract.node(), "did not deploy a namespace within " + Durations.elapsed(options.deployTimeout()));
            listener.on(new ApplyEvent.ActionFailed(r.action(), elapsed(started), "node " + contract.node()
                    + " did not deploy the namespace of contract " + contract.id() + " in time"));
            return false;
        }
        if (r.action() instanceof ReplaceBackend rb) {
            listener.on(new ApplyEvent.ReplacementReady(rb, contract.id()));
        } else {
            markDone(r.action(), started, Optional.of(contract.id()));
        }
        return true;
    }

    private Optional<ZdbEndpoint> awaitEndpoint(Action action, ContractId contract, long started, long deadline) {
        long nextReport = System.nanoTime() + options.progressEvery().toNanos();
        Backoff backoff = new Backoff(options.pollInitial(), options.pollMax());
        while (true) {
            try {
                Optional<ZdbEndpoint> endpoint = grid.endpoint(contract);
                if (endpoint.isPresent()) {
                    return endpoint;
                }
            } catch (GridException e) {
                if (!e.retryable()) {
                    return Optional.empty();
                }
            }
            long now = System.nanoTime();
            if (now >= deadline) {
                return Optional.empty();
            }
            if (now >= nextReport) {
                listener.on(new ApplyEvent.ActionWaiting(action, elapsed(started)));
                nextReport = now + options.progressEvery().toNanos();
            }
            try {
                backoff.pause(deadline);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop.set(true);
                return Optional.empty();
            }
        }
    }

    /**
     * A batch failed. Part of it may exist: what the grid shows is recorded, the rest is marked
     * failed when the grid refused for certain, and left pending (for resume to look again) when
     * the answer was lost.
     */
    private PartialApplyException reserveFailed(List<Reservation> group, List<JournalEntry> entries, GridException e,
                                                long started) {
        List<Contract> live;
        try {
            live = grid.contracts(twin);
        } catch (GridException unreachable) {
            return partial(group.get(0).action(), started, describe(e), advice(e, group.get(0).spec().node()), e);
        }
        Reservation culprit = null;
        long deadline = System.nanoTime() + options.deployTimeout().toNanos();
        for (int k = 0; k < group.size(); k++) {
            Reservation r = group.get(k);
            Optional<Contract> made = live.stream().filter(c -> c.node().equals(r.spec().node())
                    && c.deploymentHash().equals(r.deployment().hash())).findFirst();
            if (made.isPresent()) {
                record(r, entries.get(k), made.get(), started, deadline);
            } else {
                if (culprit == null) {
                    culprit = r;
                }
                if (!e.retryable()) {
                    ledger.failed(entries.get(k), e.getMessage());
                }
            }
        }
        Reservation failed = culprit == null ? group.get(0) : culprit;
        if (e.kind() == GridException.Kind.NODE_REFUSED || e.kind() == GridException.Kind.NODE_UNREACHABLE) {
            avoid(failed.spec().node(), e.getMessage());
        }
        return partial(failed.action(), started, describe(e), advice(e, failed.spec().node()), e);
    }

    private PartialApplyException notDeployed(Reservation r, long started) {
        if (stop.get()) {
            return partial(r.action(), started, "interrupted while waiting for node " + r.spec().node()
                    + " to deploy the namespace", "The contract is kept and recorded; resume checks on it.", null);
        }
        return partial(r.action(), started, "node " + r.spec().node() + " did not deploy the namespace within "
                + Durations.elapsed(options.deployTimeout()), "The contract is kept and recorded in the state; resume looks"
                + " at it again, and if node " + r.spec().node() + " is down, plan replaces the backend elsewhere.", null);
    }

    // ---- grow ----

    private void grow(GrowBackend g) {
        checkStop(g);
        BackendRecord current = ledger.state().byContract(g.contract()).orElseThrow(() -> deviation(g));
        long started = System.nanoTime();
        listener.on(new ApplyEvent.ActionStarted(g));
        BackendSpec spec = new BackendSpec(plan.cluster(), g.backend(), g.role(), g.node(), g.toSize(), g.mode());
        Deployment d = Deployment.of(twin, spec, identity.namespacePassword(plan.cluster(), g.backend()));
        ObjectNode details = Json.object();
        details.put("kind", "grow");
        details.put("operation", plan.mode().id());
        details.put("backend", g.backend());
        details.put("contract", g.contract().value());
        details.put("node", g.node().value());
        details.put("size", g.toSize());
        details.put("hash", d.hash());
        JournalEntry entry = ledger.pending(plan.id(), g.index(), key(g), details);
        try {
            Signed signed = signer.sign(Signed.updatePayload(plan.network(), twin, g.contract(), d.hash(), g.toSize()));
            grid.grow(g.contract(), d, signed);
        } catch (GridException e) {
            if (!e.retryable()) {
                ledger.failed(entry, e.getMessage());
            }
            throw partial(g, started, describe(e), advice(e, g.node()), e);
        }
        ledger.save(ledger.state().with(current.grown(g.toSize(), d.hash(), ledger.now())));
        ledger.done(entry, details);
        markDone(g, started, Optional.of(g.contract()));
    }

    // ---- cancel ----

    private void retire(ReplaceBackend r) {
        checkStop(r);
        long started = System.nanoTime();
        Optional<BackendRecord> successor = ledger.state().serving(r.backend());
        cancel(r, r.oldContract(), r.oldNode(), key(r) + "/cancel", started);
        markDone(r, started, successor.map(BackendRecord::contract));
    }

    private void delete(DeleteBackend d) {
        checkStop(d);
        long started = System.nanoTime();
        listener.on(new ApplyEvent.ActionStarted(d));
        cancel(d, d.contract(), d.node(), key(d), started);
        markDone(d, started, Optional.empty());
    }

    private void cancel(Action action, ContractId contract, NodeId node, String key, long started) {
        ObjectNode details = Json.object();
        details.put("kind", "cancel");
        details.put("operation", plan.mode().id());
        details.put("backend", action.backend());
        details.put("contract", contract.value());
        details.put("node", node.value());
        JournalEntry entry = ledger.pending(plan.id(), action.index(), key, details);
        try {
            grid.cancel(contract, signer.sign(Signed.cancelPayload(plan.network(), twin, contract)));
        } catch (GridException e) {
            if (e.kind() != GridException.Kind.NOT_FOUND) {
                if (!e.retryable()) {
                    ledger.failed(entry, e.getMessage());
                }
                throw partial(action, started, describe(e), advice(e, node), e);
            }
        }
        ledger.save(ledger.state().without(contract));
        ledger.done(entry, details);
    }

    // ---- shared ----

    private String key(Action a) {
        return JournalEntry.keyFor(ledger.lineage(), plan.id(), a.index());
    }

    private void markDone(Action a, long started, Optional<ContractId> contract) {
        done.add(a);
        finished.add(a.index());
        listener.on(new ApplyEvent.ActionDone(a, elapsed(started), contract));
    }

    private void avoid(NodeId node, String why) {
        ledger.save(ledger.state().avoiding(node, why, ledger.now().plus(options.avoidFor()), ledger.now()));
    }

    private void checkStop(Action next) {
        if (stop.get()) {
            throw new QsctlException(ExitCode.INTERRUPTED, "apply interrupted before " + next.backend() + " ("
                    + next.type() + "): " + done.size() + " of " + plan.actions().size() + " actions are done and saved in"
                    + " the state. Resume with: " + options.resumeCommand());
        }
    }

    private PartialApplyException partial(Action failed, long started, String reason, String advice, Throwable cause) {
        listener.on(new ApplyEvent.ActionFailed(failed, elapsed(started), reason));
        List<Action> notStarted = plan.actions().stream()
                .filter(a -> !finished.contains(a.index()) && a.index() != failed.index()).toList();
        return new PartialApplyException(failed, reason, advice, done, notStarted, options.resumeCommand(), cause);
    }

    private QsctlException deviation(Action a) {
        return QsctlException.conflict("the state no longer has what the plan expects for " + a.backend()
                + "; plan again");
    }

    private static String describe(GridException e) {
        return switch (e.kind()) {
            case INSUFFICIENT_FUNDS -> "the wallet cannot pay for it (" + e.getMessage() + ")";
            case NODE_REFUSED -> "the node refused it (" + e.getMessage() + ")";
            case NODE_UNREACHABLE -> "the node did not answer (" + e.getMessage() + ")";
            case UNAVAILABLE -> "the grid is unavailable (" + e.getMessage() + ")";
            default -> "the grid refused it: " + e.getMessage();
        };
    }

    private String advice(GridException e, NodeId node) {
        return switch (e.kind()) {
            case INSUFFICIENT_FUNDS -> "Top up the wallet of twin " + twin + " (qsctl shows the monthly cost in the plan),"
                    + " then resume.";
            case NODE_REFUSED, NODE_UNREACHABLE -> "Node " + node + " is passed over for the next "
                    + Durations.elapsed(options.avoidFor()) + "; resuming plans the backend on another node.";
            case UNAVAILABLE -> "Resume once the grid answers again.";
            default -> "Resume to try again; if it fails the same way, report it with the output of -v.";
        };
    }

    private static Duration elapsed(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }
}
