package io.qsctl.cli;

import io.qsctl.cli.context.CliContext;
import io.qsctl.cli.context.GlobalOptions;
import io.qsctl.cli.context.VersionProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root command. Running it without a subcommand is a usage error that shows the help. */
@Command(name = "qsctl",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        header = "Quantum safe storage on the ThreeFold Grid, declared in one YAML file.",
        description = {
            "qsctl turns a storage.yaml into a storage cluster: it plans reservations on the grid, gets them "
                    + "signed and paid, and keeps the cluster alive. Data is compressed, encrypted and erasure coded so "
                    + "that several nodes can die without losing a byte and no node holds readable data."
        },
        subcommands = {
            ValidateCommand.class,
            SchemaCommand.class,
            CompletionCommand.class,
            ZdbCommand.class,
            GridCommand.class,
            NodesCommand.class,
            IdentityCommand.class,
            PlanCommand.class,
            ApplyCommand.class,
            DestroyCommand.class,
            GetCommand.class,
            DescribeCommand.class,
            ReplaceCommand.class,
            StatusCommand.class,
            ForceUnlockCommand.class,
            ObjectCommand.class,
            BenchCommand.class,
        },
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0    success",
            "  1    error (invalid spec, failed operation)",
            "  2    changes present (plan --detailed-exitcode)",
            "  3    apply stopped part-way; state is saved, run apply --resume",
            "  4    state lock held by someone else, or a saved plan is stale",
            "  5    status: needs attention, data safe (see qsctl status --help)",
            "  6    status: critical, data at risk or writes stopping",
            "  64   usage error (wrong command line)",
            "  130  interrupted (Ctrl-C)",
            "  141  object get: the reader of its pipe went away (| head)",
            "  143  stopped by SIGTERM (object get, object put)",
            "",
            "Environment:",
            "  QSCTL_OUTPUT, QSCTL_COLOR, QSCTL_STATE_DIR   defaults for -o, --color, --state-dir",
            "  QSCTL_LOG=trace|debug|info|warn|error|off     log level (wins over -v/-q)",
            "  QSCTL_LOG_FORMAT=json                         JSON log lines on stderr",
            "  NO_COLOR                                      never colour",
            "",
            "Docs: README.md and docs/ in the qsctl repository."
        })
public final class QsctlCommand implements java.util.concurrent.Callable<Integer> {

    @Mixin
    GlobalOptions global = new GlobalOptions();

    @Spec
    CommandSpec spec;

    /** Set by {@link Cli} before any command runs. */
    CliContext context = CliContext.ofProcess();
    io.qsctl.cli.output.Style style = new io.qsctl.cli.output.Style(false);

    public GlobalOptions global() {
        return global;
    }

    public CliContext context() {
        return context;
    }

    public io.qsctl.cli.output.Style style() {
        return style;
    }

    /** Without a command there is nothing to do: show what there is, as a usage error. */
    @Override
    public Integer call() {
        return usageError(spec, "qsctl: a command is required");
    }

    /** A command that only groups others, run alone: its help and {@code what} on stderr, exit 64. */
    static int usageError(CommandSpec spec, String what) {
        java.io.PrintWriter err = spec.commandLine().getErr();
        spec.commandLine().usage(err);
        err.println();
        err.println(what);
        err.flush();
        return io.qsctl.common.ExitCode.USAGE.code();
    }
}
