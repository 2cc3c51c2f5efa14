package io.qsctl.cli;

import io.qsctl.cli.context.VersionProvider;
import io.qsctl.cli.grid.GridReport;
import io.qsctl.common.ExitCode;
import io.qsctl.provider.local.LocalGridLauncher;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code qsctl grid status}: whether the grid runs, where, and what its clock says. Never starts it. */
@Command(name = "status", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Say whether the embedded grid runs, where it serves, its grid time and its size. It does not "
                + "start the grid; exit 0 either way (-o json: \"running\").")
final class GridStatusCommand implements Callable<Integer> {

    @ParentCommand
    GridCommand grid;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        GridReport.print(spec.commandLine().getOut(), grid.root.global().output(), LocalGridLauncher.status(grid.home()));
        return ExitCode.OK.code();
    }
}
