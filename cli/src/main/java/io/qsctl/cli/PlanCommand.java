package io.qsctl.cli;

import io.qsctl.cli.cluster.ClusterSession;
import io.qsctl.cli.cluster.PlanFiles;
import io.qsctl.cli.cluster.PlanPrinter;
import io.qsctl.cli.cluster.Remedies;
import io.qsctl.cli.output.Documents;
import io.qsctl.cli.output.OutputFormat;
import io.qsctl.common.ExitCode;
import io.qsctl.reconciler.Reconciler;
import io.qsctl.reconciler.api.Plan;
import io.qsctl.reconciler.api.PlanFile;
import io.qsctl.reconciler.api.PlanOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code qsctl plan}: what apply would do, changing nothing. */
@Command(name = "plan",
        header = "Show what apply would do to make the grid match storage.yaml, and change nothing.",
        description = {
            "The plan lists the backends to create, grow, replace or delete, with their monthly price, and "
                    + "shows changes made outside qsctl (drift) apart. Nothing is reserved or paid. --out saves the "
                    + "plan; `qsctl apply PLANFILE` then runs exactly it."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no changes (or changes, without --detailed-exitcode)", "1:error",
            "2:changes present (with --detailed-exitcode)", "3:an earlier apply was interrupted: apply --resume first",
            "4:the state lock is held", "64:usage error"})
final class PlanCommand extends ClusterCommand {

    @Option(names = "--out", paramLabel = "PLANFILE", description = "Save the plan (no secrets in it) for `qsctl apply PLANFILE`.")
    Path out;

    @Option(names = "--detailed-exitcode", description = "Exit 2 when there are changes (or drift), 0 when none.")
    boolean detailedExitCode;

    @Option(names = "--refresh-only", description = "Only compare the state with the grid: report drift, plan no change.")
    boolean refreshOnly;

    @Option(names = "--replace", paramLabel = "BACKEND", description = "Plan to replace this backend (create a new one, then delete the old). Repeatable.")
    List<String> replace = List.of();

    @Override
    public Integer call() {
        PrintWriter stdout = out();
        PrintWriter err = err();
        try (ClusterSession session = openSession();
             Reconciler reconciler = session.reconciler("plan", cluster)) {
            if (reconciler.interrupted()) {
                throw session.unsettled(reconciler, "plan");
            }
            PlanOptions options = PlanOptions.defaults().refreshOnly(refreshOnly)
                    .replacing(replace.toArray(String[]::new));
            Plan plan = reconciler.plan(session.spec(), options);
            if (out != null) {
                PlanFiles.write(plan, session.spec(), out);
                err.println("Plan saved to " + out + "; run `qsctl apply " + out + "` to perform exactly these actions.");
                err.flush();
            }
            if (global().output() == OutputFormat.TEXT) {
                PlanPrinter.print(plan, style(), stdout, Optional.of(Remedies.of(session)));
            } else {
                Documents.print(stdout, global().output(), PlanFile.toJson(plan));
            }
            boolean changes = plan.hasChanges() || (refreshOnly && plan.hasDrift());
            return detailedExitCode && changes ? ExitCode.CHANGES_PRESENT.code() : ExitCode.OK.code();
        }
    }
}
