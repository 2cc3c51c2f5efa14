package io.qsctl.cli;

import io.qsctl.cli.context.CliContext;
import io.qsctl.cli.context.GlobalOptions;
import io.qsctl.cli.context.VersionProvider;
import io.qsctl.cli.help.HelpWidth;
import io.qsctl.cli.help.WrappingHelp;
import io.qsctl.cli.logging.Logging;
import io.qsctl.common.ExitCode;
import io.qsctl.common.IoReasons;
import io.qsctl.common.QsctlException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Optional;
import picocli.CommandLine.Help;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine;

/**
 * Builds the configured command line: exit codes as docs/reconciler.md decides, errors printed
 * without stack traces, logging and colour set up from the global options before a command runs.
 */
public final class Cli {

    private Cli() {
    }

    public static CommandLine commandLine(CliContext context) {
        QsctlCommand root = new QsctlCommand();
        root.context = context;
        CommandLine cli = new CommandLine(root);
        withHelpEverywhere(cli);
        cli.setHelpFactory(WrappingHelp::new);
        HelpWidth.apply(cli, context.env());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setDefaultValueProvider(new EnvDefaults(context.env()));
        cli.setExitCodeExceptionMapper(Cli::exitCodeOf);
        cli.setParameterExceptionHandler(usageErrors());
        cli.setExecutionExceptionHandler(executionErrors(root));
        cli.setExecutionStrategy(parseResult -> {
            configure(root, context, parseResult);
            return new CommandLine.RunLast().execute(parseResult);
        });
        cli.setColorScheme(Help.defaultColorScheme(colorFor(context)));
        return cli;
    }

    /**
     * Every command and subcommand answers {@code -h/--help} (and {@code -V/--version}), whatever
     * its annotation says: the error for a wrong command line tells people to run {@code --help}.
     */
    private static void withHelpEverywhere(CommandLine command) {
        CommandSpec spec = command.getCommandSpec();
        if (!spec.mixinStandardHelpOptions()) {
            spec.mixinStandardHelpOptions(true);
        }
        if (spec.versionProvider() == null) {
            spec.versionProvider(new VersionProvider());
        }
        command.getSubcommands().values().forEach(Cli::withHelpEverywhere);
    }

    public static int run(CliContext context, String... args) {
        return commandLine(context).execute(args);
    }

    private static Help.Ansi colorFor(CliContext context) {
        String mode = context.env().getOrDefault("QSCTL_COLOR", "auto");
        boolean on = io.qsctl.cli.output.ColorMode.valueOf(mode.toUpperCase(java.util.Locale.ROOT).equals("ALWAYS")
                ? "ALWAYS" : mode.equalsIgnoreCase("never") ? "NEVER" : "AUTO").enabled(context.env(), context.interactive());
        return on ? Help.Ansi.ON : Help.Ansi.OFF;
    }

    private static void configure(QsctlCommand root, CliContext context, ParseResult parseResult) {
        GlobalOptions global = root.global();
        Logging.configure(Logging.level(global.verbosity(), global.quiet(), context.env()),
                Logging.Format.fromEnv(context.env()));
        boolean color = global.colorMode().enabled(context.env(), context.interactive());
        root.style = new io.qsctl.cli.output.Style(color);
        parseResult.commandSpec().commandLine().setColorScheme(Help.defaultColorScheme(color ? Help.Ansi.ON : Help.Ansi.OFF));
    }

    private static int exitCodeOf(Throwable error) {
        if (error instanceof QsctlException e) {
            return e.exitCode().code();
        }
        if (error instanceof ParameterException) {
            return ExitCode.USAGE.code();
        }
        return ExitCode.ERROR.code();
    }

    /** The I/O error behind {@code e}: itself, or what an {@link UncheckedIOException} wraps. */
    private static Optional<IOException> ioCause(Throwable e) {
        if (e instanceof IOException io) {
            return Optional.of(io);
        }
        if (e instanceof UncheckedIOException unchecked) {
            return Optional.of(unchecked.getCause());
        }
        return Optional.empty();
    }

    /** "what was being done: why it failed", each said once. */
    private static String describeIo(Throwable e, IOException cause) {
        String what = e.getMessage() == null ? "" : e.getMessage();
        String why = IoReasons.of(cause);
        if (what.isEmpty() || e == cause) {
            return cause.getMessage() == null ? why : cause.getMessage();
        }
        return what.contains(why) ? what : what + ": " + why;
    }

    private static IParameterExceptionHandler usageErrors() {
        return (ParameterException e, String[] args) -> {
            CommandLine cmd = e.getCommandLine();
            PrintWriter err = cmd.getErr();
            err.println("qsctl: " + e.getMessage());
            if (!UnmatchedArgumentException.printSuggestions(e, err)) {
                err.println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
            }
            err.flush();
            return ExitCode.USAGE.code();
        };
    }

    private static IExecutionExceptionHandler executionErrors(QsctlCommand root) {
        return (Exception e, CommandLine cmd, ParseResult parseResult) -> {
            PrintWriter err = cmd.getErr();
            io.qsctl.cli.output.Style style = root.style();
            if (e instanceof QsctlException expected) {
                err.println(style.red("error:") + " " + expected.getMessage());
                if (root.global().stacktrace()) {
                    e.printStackTrace(err);
                }
                err.flush();
                return expected.exitCode().code();
            }
            Optional<IOException> io = ioCause(e);
            if (io.isPresent()) {
                // The machine's trouble (a full disk, a permission, a vanished directory), not a bug of ours.
                err.println(style.red("error:") + " " + describeIo(e, io.get()));
                if (root.global().stacktrace()) {
                    e.printStackTrace(err);
                }
                err.flush();
                return ExitCode.ERROR.code();
            }
            err.println(style.red("internal error:") + " " + e);
            if (root.global().stacktrace()) {
                e.printStackTrace(err);
            } else {
                err.println("Run again with -x/--stacktrace for details, and please report it.");
            }
            err.flush();
            return ExitCode.ERROR.code();
        };
    }
}
