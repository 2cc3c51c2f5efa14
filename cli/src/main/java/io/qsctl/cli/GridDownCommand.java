package io.qsctl.cli;

import io.qsctl.cli.context.VersionProvider;
import io.qsctl.cli.output.Documents;
import io.qsctl.cli.output.OutputFormat;
import io.qsctl.common.ExitCode;
import io.qsctl.provider.local.LocalGridLauncher;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** {@code qsctl grid down}: stops the grid; its world stays in the grid home for the next start. */
@Command(name = "down", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Stop the embedded grid. Everything it holds stays in the grid home and is there again at the "
                + "next start; remove the grid home to start over.")
final class GridDownCommand extends QsctlSubcommand {

    @ParentCommand
    GridCommand grid;

    @Override
    public Integer call() {
        Path home = grid.home();
        boolean wasRunning = LocalGridLauncher.stop(home);
        PrintWriter out = out();
        OutputFormat format = global().output();
        if (format == OutputFormat.TEXT) {
            out.println(wasRunning ? "grid: stopped (home " + home + ")" : "grid: not running (home " + home + ")");
            out.flush();
        } else {
            ObjectNode doc = JsonMapper.shared().createObjectNode();
            doc.put("home", home.toString());
            doc.put("stopped", wasRunning);
            doc.put("running", false);
            Documents.print(out, format, doc);
        }
        return ExitCode.OK.code();
    }
}
