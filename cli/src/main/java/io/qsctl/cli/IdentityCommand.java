package io.qsctl.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code qsctl identity}: the mnemonic that every key comes from. */
@Command(name = "identity",
        description = {
            "Create, import or show your identity: the 24-word mnemonic every key is derived from",
            "(account key, data, metadata and state keys, namespace passwords). The mnemonic alone",
            "recovers everything on a new machine; qsctl keeps it encrypted with your passphrase.",
            "See docs/identity.md."
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
