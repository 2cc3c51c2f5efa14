package io.qsctl.cli;

import io.qsctl.cli.context.CliContext;
import io.qsctl.cli.context.Terminal;
import io.qsctl.common.QsctlException;
import io.qsctl.provider.identity.IdentityStore;
import io.qsctl.provider.identity.Mnemonic;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Stores an existing mnemonic (recovery on a new machine). */
@Command(name = "import",
        header = "Store an existing mnemonic, encrypted with a passphrase: how you recover on a new machine.",
        description = {
            "The words are asked without echo on a terminal, or read from standard input."
        })
final class IdentityImportCommand extends QsctlSubcommand {

    @Mixin
    IdentityOptions identity;

    @Override
    public Integer call() {
        CliContext context = context();
        PrintWriter err = err();
        Terminal terminal = Terminal.of(context);
        IdentityStore store = identity.store(context);
        if (store.exists()) {
            throw QsctlException.invalidInput("an identity already exists at " + store.file() + "; it is never overwritten");
        }
        char[] words = terminal.secret("Mnemonic (24 words, not echoed): ").orElseGet(() -> readStdin(context));
        Mnemonic mnemonic;
        try {
            mnemonic = Mnemonic.parse(java.nio.CharBuffer.wrap(words));
        } finally {
            Arrays.fill(words, '\0');
        }
        char[] passphrase = IdentityCreateCommand.passphrase(context, terminal, err);
        try {
            store.importMnemonic(mnemonic, passphrase);
        } finally {
            Arrays.fill(passphrase, '\0');
            mnemonic.destroy();
        }
        err.println("identity stored encrypted in " + store.file() + " (account " + store.publicKeyHex() + ")");
        err.flush();
        return 0;
    }

    private static char[] readStdin(CliContext context) {
        try {
            byte[] bytes = context.stdin().readNBytes(4096);
            char[] chars = StandardCharsets.UTF_8.decode(java.nio.ByteBuffer.wrap(bytes)).array();
            Arrays.fill(bytes, (byte) 0);
            int end = chars.length;
            while (end > 0 && chars[end - 1] == '\0') {
                end--;
            }
            return Arrays.copyOf(chars, end);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
