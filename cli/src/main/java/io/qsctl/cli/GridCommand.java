package io.qsctl.cli;

import io.qsctl.cli.context.CliContext;
import io.qsctl.cli.context.VersionProvider;
import io.qsctl.provider.local.GridAdmin;
import io.qsctl.provider.local.GridFile;
import io.qsctl.provider.local.LocalGridLauncher;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The embedded grid: start, stop and look at it, and make things happen in it. */
@Command(name = "grid",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "The embedded grid (network: local): farms and nodes in several countries, each node a real 0-db "
                    + "server on loopback, and a ledger that bills contracts hourly by the grid's own clock. It runs as "
                    + "a background process, one per grid home, started on demand; every state directory on this "
                    + "machine sees the same grid. See docs/local-grid.md.",
            ""
        },
        subcommands = {
            GridUpCommand.class,
            GridDownCommand.class,
            GridStatusCommand.class,
            GridClockCommand.class,
            GridNodeCommand.class,
            GridFundCommand.class,
            GridDrainCommand.class,
        })
final class GridCommand extends QsctlSubcommand {

    @Option(names = "--grid-home", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "The embedded grid's home (env QSCTL_GRID_HOME; default $XDG_DATA_HOME/qsctl/grid, else "
                    + "~/.local/share/qsctl/grid).")
    Path gridHome;

    /** The grid home: the option, else the XDG data home, else ~/.local/share/qsctl/grid. */
    Path home() {
        return resolveHome(gridHome, context());
    }

    static Path resolveHome(Path option, CliContext context) {
        return (option != null ? option : LocalGridLauncher.defaultHome(context.env())).toAbsolutePath().normalize();
    }

    /** The running grid, started with time scale 1 if it was not running. */
    GridFile ensureRunning() {
        return LocalGridLauncher.ensureRunning(home(), 1);
    }

    /** The admin interface of the running grid, started if it was not running. */
    GridAdmin admin() {
        return GridAdmin.connect(ensureRunning(), home());
    }

    @Override
    public Integer call() {
        return usageError("qsctl grid: a subcommand is required");
    }
}
