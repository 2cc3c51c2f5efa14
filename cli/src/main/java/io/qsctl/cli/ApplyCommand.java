package io.qsctl.cli;

import io.qsctl.cli.cluster.ApplyFlow;
import io.qsctl.common.QsctlException;
import io.qsctl.reconciler.api.PlanOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code qsctl apply}: make the grid match storage.yaml. */
@Command(name = "apply",
        header = "Make the grid match storage.yaml: plan, show, ask, then reserve, sign and pay.",
        description = {
            "Every action is shown with its price before anything happens. Approve by typing yes on a "
                    + "terminal, or with --auto-approve; without a terminal and without --auto-approve nothing is "
                    + "changed and apply exits 1. Reservations then go out batch by batch. Every paid or signed step is "
                    + "journalled before it is sent and the state is saved after each one, so an interrupted apply "
                    + "continues with --resume and never pays twice.",
            "",
            "`qsctl apply PLANFILE` runs a plan saved by `qsctl plan --out`: the file is the approval, and a "
                    + "stale plan is refused with exit code 4."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done, or nothing to do", "1:error (nothing was started)",
            "3:stopped part-way: state saved, run the printed --resume command",
            "4:state lock held, or saved plan stale", "64:usage error", "130:interrupted (resumable)"})
final class ApplyCommand extends ClusterCommand {

    @Parameters(arity = "0..1", paramLabel = "PLANFILE", description = "A plan saved with `qsctl plan --out`.")
    Path planFile;

    @Option(names = {"--auto-approve", "--yes"}, description = "Do not ask for approval.")
    boolean autoApprove;

    @Option(names = "--resume", description = "Settle an interrupted apply (from its journal, by looking at the grid), then carry on.")
    boolean resume;

    @Option(names = "--replace", paramLabel = "BACKEND", description = "Also replace this backend (create before destroy). Repeatable.")
    List<String> replace = List.of();

    @Override
    public Integer call() {
        if (planFile == null && cluster.file == null) {
            throw QsctlException.usage("say what to apply: -f storage.yaml, or a plan file from `qsctl plan --out`");
        }
        if (planFile != null && cluster.file != null) {
            throw QsctlException.usage("give either -f storage.yaml or a plan file, not both (the plan file holds its spec)");
        }
        if (planFile != null && !replace.isEmpty()) {
            throw QsctlException.usage("--replace changes the plan: plan again with --replace, or apply -f with it");
        }
        String replacing = replace.stream().map(backend -> " --replace " + backend).collect(Collectors.joining());
        return new ApplyFlow(context(), global(), style(), cluster, out(), err())
                .run(Optional.ofNullable(planFile), PlanOptions.defaults().replacing(replace.toArray(String[]::new)),
                        autoApprove, resume,
                        "qsctl apply -f " + cluster.file + replacing + (resume ? " --resume" : "") + " --auto-approve",
                        "qsctl plan -f " + cluster.file + replacing + " --out PLANFILE");
    }
}
