package io.qsctl.cli;

import io.qsctl.cli.context.VersionProvider;
import io.qsctl.common.ExitCode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code qsctl nodes}: the grid's nodes, as the grid proxy lists them. */
@Command(name = "nodes", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "The grid's nodes: where backends can go.",
        subcommands = {NodesListCommand.class})
final class NodesCommand implements Callable<Integer> {

    @ParentCommand
    QsctlCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--grid-home", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "The embedded grid's home, for --network local (env QSCTL_GRID_HOME; default "
                    + "$XDG_DATA_HOME/qsctl/grid, else ~/.local/share/qsctl/grid).")
    Path gridHome;

    Path home() {
        return GridCommand.resolveHome(gridHome, root);
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        spec.commandLine().usage(err);
        err.println();
        err.println("qsctl nodes: a subcommand is required");
        err.flush();
        return ExitCode.USAGE.code();
    }
}
