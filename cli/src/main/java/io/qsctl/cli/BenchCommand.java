package io.qsctl.cli;

import io.qsctl.cli.context.VersionProvider;
import io.qsctl.common.ExitCode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Measurements of this machine, to size a setup. */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Measure this machine: how fast it runs the parts of the data path that use the CPU.",
        subcommands = {BenchCodecCommand.class})
final class BenchCommand implements Callable<Integer> {

    @ParentCommand
    QsctlCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        spec.commandLine().usage(err);
        err.println();
        err.println("qsctl bench: say what to measure, e.g. 'qsctl bench codec --data 16 --parity 4'");
        err.flush();
        return ExitCode.USAGE.code();
    }
}
