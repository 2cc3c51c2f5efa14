package io.qsctl.cli;

import io.qsctl.cli.context.CliContext;
import io.qsctl.cli.context.Terminal;
import io.qsctl.provider.identity.IdentitySource;
import io.qsctl.provider.identity.IdentityStore;
import io.qsctl.provider.identity.PassphrasePrompt;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where the user's identity is kept; shared by every command that needs keys. */
public final class IdentityOptions {

    @Option(names = "--identity-file", paramLabel = "FILE",
            description = "The encrypted identity file (env QSCTL_IDENTITY_FILE; default "
                    + "$XDG_CONFIG_HOME/qsctl/identity.json, else ~/.config/qsctl/identity.json). "
                    + "QSCTL_MNEMONIC or QSCTL_MNEMONIC_FILE take precedence (for CI); QSCTL_PASSPHRASE unlocks the file.")
    Path identityFile;

    public IdentityStore store(CliContext context) {
        Path file = identityFile != null ? identityFile
                : IdentityStore.defaultPath(context.env(), Path.of(System.getProperty("user.home")));
        return new IdentityStore(file);
    }

    /** The identity sources in their order; asks for the passphrase on a terminal. */
    public IdentitySource source(CliContext context) {
        Terminal terminal = Terminal.of(context);
        PassphrasePrompt prompt = terminal.interactive()
                ? file -> terminal.secret("Passphrase for " + file + ": ")
                : file -> Optional.empty();
        return new IdentitySource(context.env(), store(context), prompt);
    }
}
