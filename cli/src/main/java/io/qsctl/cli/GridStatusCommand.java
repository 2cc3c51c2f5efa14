package io.qsctl.cli;

import io.qsctl.cli.context.VersionProvider;
import io.qsctl.cli.grid.GridReport;
import io.qsctl.common.ExitCode;
import io.qsctl.provider.local.LocalGridLauncher;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code qsctl grid status}: whether the grid runs, where, and what its clock says. Never starts it. */
@Command(name = "status", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Say whether the embedded grid runs, where it serves, its grid time and its size. It does not "
                + "start the grid; exit 0 either way (-o json: \"running\").")
final class GridStatusCommand extends QsctlSubcommand {

    @ParentCommand
    GridCommand grid;

    @Override
    public Integer call() {
        GridReport.print(out(), global().output(), LocalGridLauncher.status(grid.home()));
        return ExitCode.OK.code();
    }
}
