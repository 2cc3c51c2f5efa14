package io.qsctl.cli;

import io.qsctl.cli.cluster.ApplyFlow;
import io.qsctl.reconciler.api.PlanOptions;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code qsctl replace backend NAME}: force a create-before-destroy replacement. */
@Command(name = "replace",
        header = "Replace a backend even though nothing says it must, create before destroy.",
        description = {
            "A new backend is reserved on another node and made ready, and only then is the old contract "
                    + "cancelled: for a node you no longer trust. It plans the whole spec, like apply: any other change "
                    + "the spec brings along is in the same plan, shown apart, and needs the same approval (yes on a "
                    + "terminal, or --auto-approve); the journal is apply's."
        })
final class ReplaceCommand extends ClusterCommand {

    /** What can be replaced: an enum, so completion offers it and another word is a usage error listing the choices. */
    enum Kind { backend }

    @Parameters(index = "0", paramLabel = "KIND", description = "What to replace: ${COMPLETION-CANDIDATES}.")
    Kind kind;

    @Parameters(index = "1", paramLabel = "NAME", description = "The backend, e.g. data-03 or meta-1 (see `qsctl get backends`).")
    String name;

    @Option(names = {"--auto-approve", "--yes"}, description = "Do not ask for approval.")
    boolean autoApprove;

    @Override
    public Integer call() {
        return new ApplyFlow(context(), global(), style(), cluster, out(), err())
                .run(Optional.empty(), PlanOptions.defaults().replacing(name), autoApprove, false,
                        "qsctl replace backend " + name + " -f " + cluster.file + " --auto-approve",
                        "qsctl plan -f " + cluster.file + " --replace " + name + " --out PLANFILE");
    }
}
