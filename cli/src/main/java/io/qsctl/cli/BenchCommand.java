package io.qsctl.cli;

import io.qsctl.cli.context.VersionProvider;
import picocli.CommandLine.Command;

/** Measurements of this machine, to size a setup. */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Measure this machine: how fast it runs the parts of the data path that use the CPU.",
        subcommands = {BenchCodecCommand.class})
final class BenchCommand extends QsctlSubcommand {

    @Override
    public Integer call() {
        return usageError("qsctl bench: say what to measure, e.g. 'qsctl bench codec --data 16 --parity 4'");
    }
}
