package io.qsctl.provider.identity;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Asks a person for the passphrase of the identity file. The CLI prompts on a terminal (without
 * echo); elsewhere nobody can be asked and the answer is empty.
 */
@FunctionalInterface
public interface PassphrasePrompt {

    /** The passphrase for {@code identityFile}, in an array the caller wipes; empty if nobody can answer. */
    Optional<char[]> ask(Path identityFile);

    /** For non-interactive runs: never answers. */
    static PassphrasePrompt none() {
        return file -> Optional.empty();
    }
}
