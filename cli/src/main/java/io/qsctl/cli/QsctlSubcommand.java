package io.qsctl.cli;

import io.qsctl.cli.context.CliContext;
import io.qsctl.cli.context.GlobalOptions;
import io.qsctl.cli.output.Style;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command below the root: what it reaches through picocli, the root's context, global options
 * and style, and its own output streams. None of it is static, so that commands run in-process in
 * tests with their own environment and streams.
 */
abstract class QsctlSubcommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** The root command, which {@link Cli} has given the context and style before any command runs. */
    final QsctlCommand root() {
        return (QsctlCommand) spec.root().userObject();
    }

    final CliContext context() {
        return root().context();
    }

    final GlobalOptions global() {
        return root().global();
    }

    final Style style() {
        return root().style();
    }

    /** Standard output: what the command produces (a table, a document, an id). */
    final PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Standard error: progress, notes and errors for the person at the terminal. */
    final PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** For a command that only groups others, run alone: its help and {@code what} on stderr, exit 64. */
    final int usageError(String what) {
        return QsctlCommand.usageError(spec, what);
    }
}
