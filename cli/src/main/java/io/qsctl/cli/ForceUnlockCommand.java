package io.qsctl.cli;

import io.qsctl.common.QsctlException;
import io.qsctl.spec.SpecLoader;
import io.qsctl.state.StateLock;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code qsctl force-unlock ID}: clear a lock left by a process that is gone. */
@Command(name = "force-unlock",
        header = "Remove a state lock left behind by a qsctl process that is gone.",
        description = {
            "LOCK_ID is the id printed by the command that found the lock held. A lock held by a live process "
                    + "is never removed (exit 4); a state that is not locked needs nothing (exit 0)."
        })
final class ForceUnlockCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "LOCK_ID", description = "The lock's id.")
    String id;

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE", description = "The cluster's storage.yaml.")
    Path file;

    @Override
    public Integer call() {
        QsctlCommand root = (QsctlCommand) spec.root().userObject();
        String cluster = SpecLoader.load(file).name();
        Path stateDir = root.global().stateDir(root.context().env()).resolve(cluster);
        if (!stateDir.toFile().isDirectory()) {
            throw QsctlException.invalidInput("cluster " + cluster + " has no state in " + stateDir);
        }
        // Not locked is no error: what force-unlock is for, an unlocked state, is already so.
        spec.commandLine().getErr().println(StateLock.forceUnlock(stateDir, id)
                ? "Lock " + id + " of cluster " + cluster + " removed."
                : "The state of " + cluster + " is not locked; nothing to do.");
        spec.commandLine().getErr().flush();
        return 0;
    }
}
