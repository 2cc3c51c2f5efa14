package io.qsctl.cli.cluster;

import io.qsctl.common.Durations;
import io.qsctl.common.QsctlException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/** What every cluster command needs: the spec, and where the grid, identity and lock live. */
public final class ClusterOptions {

    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "The storage.yaml of the cluster ('-' reads standard input).")
    public String file;

    @Option(names = "--grid-home", paramLabel = "DIR",
            description = "The embedded grid's home, for network: local (env QSCTL_GRID_HOME; default "
                    + "$XDG_DATA_HOME/qsctl/grid, else ~/.local/share/qsctl/grid).")
    public Path gridHome;

    @Option(names = "--identity-file", paramLabel = "FILE",
            description = "The encrypted identity (env QSCTL_IDENTITY_FILE). QSCTL_MNEMONIC or QSCTL_MNEMONIC_FILE take "
                    + "precedence; QSCTL_PASSPHRASE unlocks the file. On network: local without an identity, qsctl uses "
                    + "the embedded grid's sandbox key.")
    public Path identityFile;

    @Option(names = "--lock-timeout", paramLabel = "DURATION", defaultValue = "0s",
            description = "How long to wait for another qsctl holding the cluster's state lock, e.g. 30s or 5m "
                    + "(default ${DEFAULT-VALUE}: fail at once, exit code 4, naming the holder).")
    public String lockTimeout;

    public Duration lockTimeout() {
        Durations.Parsed parsed = Durations.parse(lockTimeout);
        Optional<String> problem = parsed.problem()
                .map(p -> p == Durations.Problem.TOO_LONG ? "is longer than any wait" : "is not a duration")
                .or(() -> parsed.duration().filter(Duration::isNegative).map(negative -> "is negative"));
        if (problem.isPresent()) {
            throw QsctlException.usage("--lock-timeout: '" + lockTimeout + "' " + problem.get()
                    + "; write e.g. 30s, 5m, 2h or 1d");
        }
        return parsed.duration().orElseThrow();
    }
}
