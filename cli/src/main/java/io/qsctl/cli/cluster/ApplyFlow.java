package io.qsctl.cli.cluster;

import io.qsctl.cli.context.CliContext;
import io.qsctl.cli.context.GlobalOptions;
import io.qsctl.cli.context.Terminal;
import io.qsctl.cli.output.Documents;
import io.qsctl.cli.output.Style;
import io.qsctl.common.ExitCode;
import io.qsctl.common.QsctlException;
import io.qsctl.reconciler.Reconciler;
import io.qsctl.reconciler.api.ApplyResult;
import io.qsctl.reconciler.api.Plan;
import io.qsctl.reconciler.api.PlanOptions;
import io.qsctl.reconciler.api.ReplaceBackend;
import io.qsctl.reconciler.api.Resolution;
import io.qsctl.spec.StorageCluster;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The apply sequence shared by {@code apply} and {@code replace backend}: lock, settle, plan, show, approve, apply. */
public final class ApplyFlow {

    private final CliContext context;
    private final GlobalOptions global;
    private final Style style;
    private final ClusterOptions options;
    private final PrintWriter out;
    private final PrintWriter err;

    public ApplyFlow(CliContext context, GlobalOptions global, Style style, ClusterOptions options, PrintWriter out,
                     PrintWriter err) {
        this.context = context;
        this.global = global;
        this.style = style;
        this.options = options;
        this.out = out;
        this.err = err;
    }

    /**
     * A saved plan is refused when stale. Right after settling its own interrupted run it usually
     * is (part of it was applied, so the state moved on): say that, rather than blame "another
     * operation", and say what to run instead.
     */
    private static void verifySaved(Reconciler reconciler, Plan plan, StorageCluster spec, Path planFile,
                                    boolean settled) {
        try {
            reconciler.verify(plan, spec);
        } catch (QsctlException e) {
            if (!settled || e.exitCode() != ExitCode.CONFLICT) {
                throw e;
            }
            throw QsctlException.conflict("the interrupted apply of " + planFile + " is settled, but part of it had been"
                    + " applied, so the plan no longer matches the state (" + e.getMessage() + "). Plan again: `qsctl plan"
                    + " -f storage.yaml --out FILE`, then apply that file; or `qsctl apply -f storage.yaml`");
        }
    }

    /**
     * A replacement starts empty (nothing is copied from the old namespace, which may be gone): the
     * shards it should hold are rebuilt by repair, and nothing does that on its own yet.
     */
    private void rebuildAfterReplacing(Plan plan, Remedies remedies) {
        List<String> replaced = plan.actionsOf(ReplaceBackend.class).stream().map(ReplaceBackend::backend).toList();
        if (!replaced.isEmpty()) {
            out.println("The new " + String.join(", ", replaced) + " start" + (replaced.size() == 1 ? "s" : "")
                    + " empty: " + remedies.repair() + " rebuilds the shards and records the old one"
                    + (replaced.size() == 1 ? "" : "s") + " held.");
        }
    }

    /**
     * @param approveCommand the command line that runs this with {@code --auto-approve}, named in
     *     the refusal when there is no terminal to ask
     * @param savePlanCommand the command line that saves this plan for review, named in the same refusal
     */
    public int run(Optional<Path> planFile, PlanOptions planOptions, boolean autoApprove, boolean resume,
                   String approveCommand, String savePlanCommand) {
        Optional<PlanFiles.Saved> saved = planFile.map(PlanFiles::read);
        try (ClusterSession session = saved.isPresent()
                ? ClusterSession.openPlanFile(context, global, options, saved.get().spec(), planFile.get(), err)
                : ClusterSession.open(context, global, options, err);
             Reconciler reconciler = session.reconciler("apply", options)) {
            EventPrinter events = new EventPrinter(global.output(), style, session.spec().name(), out, err);
            Interrupts.stopOnInterrupt(reconciler, err);
            reconciler.staleLockHolder().ifPresent(holder -> {
                err.println("Note: the previous " + holder.operation() + " (pid " + holder.pid() + " on " + holder.host()
                        + ") ended without releasing its lock.");
                err.flush();
            });
            boolean settled = false;
            if (reconciler.interrupted()) {
                if (!resume) {
                    throw session.unsettled(reconciler, "apply");
                }
                Resolution resolution = reconciler.resume(events);
                settled = true;
                err.println("Settled the interrupted apply: " + resolution.entries().size() + " pending operation(s)"
                        + " resolved by looking at the grid; nothing is reserved twice.");
                err.flush();
            } else if (resume) {
                err.println("Nothing to resume: no operation of " + session.spec().name() + " was left in flight.");
                err.flush();
            }
            StorageCluster spec = session.spec();
            Plan plan = saved.isPresent() ? saved.get().plan() : reconciler.plan(spec, planOptions);
            if (saved.isPresent()) {
                // Refused before it is shown, and even with nothing to do: a stale "No changes" would be a false report.
                verifySaved(reconciler, plan, spec, planFile.get(), settled);
            }
            events.plan(plan, Optional.of(Remedies.of(session)));
            if (!plan.hasChanges()) {
                return ExitCode.OK.code();
            }
            Approval.require("\nDo you want to perform these actions on " + spec.name() + "?", autoApprove,
                    saved.isPresent(), Terminal.of(context), approveCommand, savePlanCommand);
            ApplyResult result = reconciler.apply(plan, spec, events);
            events.done(result);
            if (!Documents.machine(global.output())) {
                rebuildAfterReplacing(plan, Remedies.of(session));
                out.flush();
            }
            return ExitCode.OK.code();
        }
    }
}
