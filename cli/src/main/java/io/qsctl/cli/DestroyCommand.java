package io.qsctl.cli;

import io.qsctl.cli.cluster.ClusterSession;
import io.qsctl.cli.cluster.EventPrinter;
import io.qsctl.cli.cluster.Interrupts;
import io.qsctl.cli.context.CliContext;
import io.qsctl.cli.context.Terminal;
import io.qsctl.cli.context.VersionProvider;
import io.qsctl.cli.object.ClusterStore;
import io.qsctl.cli.output.Documents;
import io.qsctl.cli.status.ConditionLog;
import io.qsctl.common.ExitCode;
import io.qsctl.common.QsctlException;
import io.qsctl.reconciler.Reconciler;
import io.qsctl.reconciler.api.ApplyResult;
import io.qsctl.reconciler.api.Plan;
import io.qsctl.reconciler.api.Resolution;
import io.qsctl.spec.Network;
import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code qsctl destroy}: cancel every contract of the cluster. */
@Command(name = "destroy",
        header = "Cancel every contract of the cluster, deleting its namespaces and the data in them.",
        description = {
            "There is no undo. The plan is shown first; then, on a terminal, you confirm by typing the "
                    + "cluster's name, or you pass --confirm NAME (on the embedded grid, --auto-approve is also "
                    + "accepted). Without either, nothing is destroyed and destroy exits 1.",
            "",
            "A destroy that stopped part-way is finished with --resume. A destroyed cluster keeps only its "
                    + "state, which records when it was destroyed."
        })
final class DestroyCommand extends ClusterCommand {

    @Option(names = "--confirm", paramLabel = "NAME", description = "The cluster's name, to confirm without a terminal.")
    String confirm;

    @Option(names = {"--auto-approve", "--yes"}, description = "Do not ask (accepted on the embedded grid only).")
    boolean autoApprove;

    @Option(names = "--resume", description = "Settle an interrupted apply or destroy first (from its journal, by looking at"
            + " the grid), then destroy.")
    boolean resume;

    @Override
    public Integer call() {
        PrintWriter out = out();
        PrintWriter err = err();
        try (ClusterSession session = openSession();
             Reconciler reconciler = session.reconciler("destroy", cluster)) {
            Interrupts.stopOnInterrupt(reconciler, err);
            String name = session.spec().name();
            reconciler.staleLockHolder().ifPresent(holder -> {
                err.println("Note: the previous " + holder.operation() + " (pid " + holder.pid() + " on " + holder.host()
                        + ") ended without releasing its lock.");
                err.flush();
            });
            EventPrinter events = new EventPrinter(global().output(), style(), name, out, err);
            if (reconciler.interrupted()) {
                if (!resume) {
                    throw session.unsettled(reconciler, "destroy");
                }
                // Settling only looks at the grid and records what happened; the destroy then
                // cancels everything, whatever the interrupted apply or destroy had done.
                Resolution resolution = reconciler.resume(events);
                err.println("Settled the interrupted operation: " + resolution.entries().size() + " pending action(s)"
                        + " resolved by looking at the grid.");
                err.flush();
            }
            Plan plan = reconciler.planDestroy();
            boolean nothingLeft = !plan.hasChanges() && reconciler.destroyed();
            if (nothingLeft && !Documents.machine(global().output())) {
                // "No changes. The cluster matches the spec." would be true of a plan, not of a destroy.
                out.println(reconciler.destroyedAt()
                        .map(at -> "Cluster " + name + " was already destroyed (at " + at.truncatedTo(ChronoUnit.SECONDS)
                                + "); nothing to do.")
                        .orElse("Cluster " + name + " has no state in " + session.stateDir() + ": nothing of it to destroy."));
                out.flush();
            } else {
                events.plan(plan);
            }
            if (!plan.hasChanges()) {
                if (nothingLeft) {
                    return ExitCode.OK.code();
                }
                err.println("Nothing of " + name + " is left on the grid, but its state is not yet marked destroyed "
                        + "(an earlier destroy stopped just before that); this destroy marks it.");
                err.flush();
            }
            approve(name, session.spec().spec().network(), context(), err);
            ApplyResult result = reconciler.destroy(plan, events);
            new ConditionLog(session.stateDir()).forget();
            if (!ClusterStore.forgetLocalIndex(session, VersionProvider.version())) {
                err.println("warning: the object store's local index in " + ClusterStore.directory(session) + " was left: "
                        + "an object command holds it. It describes objects that are gone; remove it once that command ends.");
                err.flush();
            }
            events.done(result);
            return ExitCode.OK.code();
        }
    }

    private void approve(String name, Network network, CliContext context, PrintWriter err) {
        if (confirm != null) {
            if (!confirm.equals(name)) {
                throw QsctlException.invalidInput("--confirm " + confirm + " does not name this cluster (" + name
                        + "): nothing was destroyed");
            }
            return;
        }
        if (autoApprove) {
            if (network != Network.LOCAL) {
                throw QsctlException.invalidInput("destroying a cluster on a real grid needs --confirm " + name);
            }
            return;
        }
        Terminal terminal = Terminal.of(context);
        if (!terminal.interactive()) {
            throw QsctlException.invalidInput("confirmation required and there is no terminal to ask: nothing was destroyed;"
                    + " pass --confirm " + name);
        }
        err.println();
        err.println("Destroy cluster " + name + "? Its data on the grid will be deleted. There is no undo.");
        err.flush();
        if (!terminal.readLine("  Type the cluster's name to confirm: ").trim().equals(name)) {
            throw QsctlException.invalidInput("not confirmed: nothing was destroyed");
        }
    }
}
