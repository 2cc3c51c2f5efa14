package io.qsctl.cli;

import io.qsctl.cli.context.VersionProvider;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code qsctl nodes}: the grid's nodes, as the grid proxy lists them. */
@Command(name = "nodes", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "The grid's nodes: where backends can go.",
        subcommands = {NodesListCommand.class})
final class NodesCommand extends QsctlSubcommand {

    @Option(names = "--grid-home", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "The embedded grid's home, for --network local (env QSCTL_GRID_HOME; default "
                    + "$XDG_DATA_HOME/qsctl/grid, else ~/.local/share/qsctl/grid).")
    Path gridHome;

    Path home() {
        return GridCommand.resolveHome(gridHome, context());
    }

    @Override
    public Integer call() {
        return usageError("qsctl nodes: a subcommand is required");
    }
}
