package io.qsctl.cli;

import io.qsctl.cli.context.VersionProvider;
import io.qsctl.cli.grid.AdvanceProgress;
import io.qsctl.cli.grid.GridDurations;
import io.qsctl.cli.output.Documents;
import io.qsctl.cli.output.OutputFormat;
import io.qsctl.common.Durations;
import io.qsctl.common.ExitCode;
import io.qsctl.provider.local.GridAdmin;
import io.qsctl.provider.local.GridFile;
import io.qsctl.provider.local.GridLimits;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** {@code qsctl grid clock advance DURATION}: lives through time in an instant, for tests and demos. */
@Command(name = "clock", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "The grid's clock, by which contracts are billed and grace periods end.")
final class GridClockCommand extends QsctlSubcommand {

    @ParentCommand
    GridCommand grid;

    @Command(name = "advance", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Move the grid clock forward; every grid hour that passes is billed, in order, so 30d bills "
                    + "720 hours at once and contracts whose wallet runs dry go into grace on the way. At most 3650d "
                    + "at a time; a long advance goes in 30-day steps, each billed and saved, with progress on stderr.")
    int advance(@Parameters(paramLabel = "DURATION", converter = GridDurations.class,
            description = "How far: 30d, 12h, 90m, 1d12h or ISO-8601 (PT36H); at most 3650d.") Duration by) {
        GridLimits.clockAdvance(by).ifPresent(problem -> {
            throw new ParameterException(spec.commandLine().getSubcommands().get("advance"), problem);
        });
        GridFile file = grid.ensureRunning();
        PrintWriter err = err();
        AdvanceProgress progress = new AdvanceProgress(err, context().interactive(),
                global().quiet());
        // Ctrl-C between steps leaves the grid at the end of a step, billed and saved: say where
        Thread onInterrupt = new Thread(() -> interrupted(progress, err), "grid-clock-interrupted");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        Instant now;
        try (GridAdmin admin = GridAdmin.connect(file, grid.home())) {
            now = admin.advanceClock(by, progress);
        } finally {
            progress.close();
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs, or ran, and says where the clock stands
            }
        }
        PrintWriter out = out();
        OutputFormat format = global().output();
        if (format == OutputFormat.TEXT) {
            out.println("grid time: " + now + " (advanced " + Durations.parts(by) + ")");
            out.flush();
        } else {
            ObjectNode doc = JsonMapper.shared().createObjectNode();
            doc.put("gridTime", now.toString());
            doc.put("advanced", by.toString());
            Documents.print(out, format, doc);
        }
        return ExitCode.OK.code();
    }

    private static void interrupted(AdvanceProgress progress, PrintWriter err) {
        progress.close();
        GridAdmin.ClockProgress last = progress.last();
        if (last == null) {
            err.println("Interrupted before the grid clock moved; the step under way still completes in the grid.");
        } else {
            err.println("Interrupted: the grid clock stands at " + last.gridTime() + ", advanced "
                    + Durations.parts(last.done()) + " of " + Durations.parts(last.total())
                    + ", billed and saved; the step under way still completes in the grid.");
        }
        err.flush();
    }

    @Override
    public Integer call() {
        PrintWriter err = err();
        spec.commandLine().usage(err);
        err.println();
        err.println("qsctl grid clock: a subcommand is required");
        err.flush();
        return ExitCode.USAGE.code();
    }
}
