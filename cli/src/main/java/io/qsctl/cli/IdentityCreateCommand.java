package io.qsctl.cli;

import io.qsctl.cli.context.CliContext;
import io.qsctl.cli.context.Terminal;
import io.qsctl.common.QsctlException;
import io.qsctl.provider.identity.IdentitySource;
import io.qsctl.provider.identity.IdentityStore;
import io.qsctl.provider.identity.Mnemonic;
import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Generates a new mnemonic, shows it once, and stores it encrypted. */
@Command(name = "create",
        header = "Generate a new 24-word mnemonic and store it encrypted.",
        description = {
            "The words are shown once, on the terminal, and stored encrypted with a passphrase (asked twice, "
                    + "or QSCTL_PASSPHRASE). Write them down: they are the only way to recover your storage on another "
                    + "machine."
        })
final class IdentityCreateCommand extends QsctlSubcommand {

    @Mixin
    IdentityOptions identity;

    @Option(names = "--print-mnemonic",
            description = "Also print the words on stdout when there is no terminal to show them on "
                    + "(you then answer for where stdout goes: never a CI log).")
    boolean printMnemonic;

    @Override
    public Integer call() {
        CliContext context = context();
        PrintWriter err = err();
        Terminal terminal = Terminal.of(context);
        IdentityStore store = identity.store(context);
        if (store.exists()) {
            throw QsctlException.invalidInput("an identity already exists at " + store.file()
                    + "; it is never overwritten (move it away first if you really mean to replace it)");
        }
        if (!terminal.interactive() && !printMnemonic) {
            throw QsctlException.invalidInput("there is no terminal to show the new mnemonic on; run on a terminal, "
                    + "or pass --print-mnemonic to print it on stdout");
        }
        char[] passphrase = passphrase(context, terminal, err);
        Mnemonic mnemonic;
        try {
            mnemonic = store.create(passphrase);
        } finally {
            Arrays.fill(passphrase, '\0');
        }
        try {
            String words = String.join(" ", mnemonic.words());
            String shown = "Your mnemonic (write it down, keep it offline; it is shown only now):\n\n  " + words + "\n";
            if (!terminal.showPrivately(shown)) {
                out().println(words);
                out().flush();
            }
        } finally {
            mnemonic.destroy();
        }
        err.println("identity stored encrypted in " + store.file() + " (account " + store.publicKeyHex() + ")");
        err.flush();
        return 0;
    }

    static char[] passphrase(CliContext context, Terminal terminal, PrintWriter err) {
        String fromEnv = context.env().get(IdentitySource.PASSPHRASE_VAR);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return fromEnv.toCharArray();
        }
        return terminal.newPassphrase(err).orElseThrow(() -> QsctlException.invalidInput(
                "a passphrase is needed to encrypt the identity: set " + IdentitySource.PASSPHRASE_VAR
                        + " or run on a terminal"));
    }
}
