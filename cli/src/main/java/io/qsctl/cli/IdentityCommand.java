package io.qsctl.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code qsctl identity}: the mnemonic that every key comes from. */
@Command(name = "identity",
        header = "Create, import or show your identity, the 24-word mnemonic every key comes from.",
        description = {
            "The account key, the data, metadata and state keys and the namespace passwords are all derived "
                    + "from it, so the mnemonic alone recovers everything on a new machine; qsctl keeps it encrypted "
                    + "with your passphrase. See docs/identity.md."
        },
        subcommands = {IdentityCreateCommand.class, IdentityImportCommand.class, IdentityShowCommand.class})
final class IdentityCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "say which: create, import or show");
    }
}
