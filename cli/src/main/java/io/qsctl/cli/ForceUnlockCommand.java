package io.qsctl.cli;

import io.qsctl.common.QsctlException;
import io.qsctl.spec.SpecLoader;
import io.qsctl.state.StateLock;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code qsctl force-unlock ID}: clear a lock left by a process that is gone. */
@Command(name = "force-unlock",
        header = "Remove a state lock left behind by a qsctl process that is gone.",
        description = {
            "LOCK_ID is the id printed by the command that found the lock held. A lock held by a live process "
                    + "is never removed (exit 4); a state that is not locked needs nothing (exit 0)."
        })
final class ForceUnlockCommand extends QsctlSubcommand {

    @Parameters(index = "0", paramLabel = "LOCK_ID", description = "The lock's id.")
    String id;

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE", description = "The cluster's storage.yaml.")
    Path file;

    @Override
    public Integer call() {
        String cluster = SpecLoader.load(file).name();
        Path stateDir = global().stateDir(context().env()).resolve(cluster);
        if (!stateDir.toFile().isDirectory()) {
            throw QsctlException.invalidInput("cluster " + cluster + " has no state in " + stateDir);
        }
        // Not locked is no error: what force-unlock is for, an unlocked state, is already so.
        err().println(StateLock.forceUnlock(stateDir, id)
                ? "Lock " + id + " of cluster " + cluster + " removed."
                : "The state of " + cluster + " is not locked; nothing to do.");
        err().flush();
        return 0;
    }
}
