package io.qsctl.cli;

import io.qsctl.cli.context.VersionProvider;
import io.qsctl.cli.grid.GridReport;
import io.qsctl.common.ExitCode;
import io.qsctl.provider.local.GridFile;
import io.qsctl.provider.local.GridLimits;
import io.qsctl.provider.local.GridStatus;
import io.qsctl.provider.local.LocalGridLauncher;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;

/** {@code qsctl grid up}: starts the grid in the background if it does not run. */
@Command(name = "up", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Start the embedded grid in the background (if it is not running) and say where it serves.")
final class GridUpCommand extends QsctlSubcommand {

    @ParentCommand
    GridCommand grid;

    @Option(names = "--time-scale", paramLabel = "N", defaultValue = "1",
            description = "Grid seconds per real second (default: ${DEFAULT-VALUE}); 3600 makes an hour pass every "
                    + "second; at most 1000000. A grid that already runs keeps its own; 'grid down' first to change it.")
    long timeScale;

    @Override
    public Integer call() {
        GridLimits.timeScale(timeScale).ifPresent(problem -> {
            throw new ParameterException(spec.commandLine(), "--time-scale: " + problem);
        });
        GridFile file = LocalGridLauncher.ensureRunning(grid.home(), timeScale);
        PrintWriter err = err();
        if (file.timeScale() != timeScale && spec.commandLine().getParseResult().hasMatchedOption("--time-scale")) {
            err.println("grid: warning: the grid already runs with time scale " + file.timeScale()
                    + "; run 'qsctl grid down' first to change it");
            err.flush();
        }
        GridStatus status = LocalGridLauncher.status(grid.home());
        GridReport.print(out(), global().output(), status);
        return ExitCode.OK.code();
    }
}
