package io.qsctl.provider.identity;

import io.qsctl.common.QsctlException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the user's identity, first match wins:
 *
 * <ol>
 * <li>{@code QSCTL_MNEMONIC}: the words themselves (CI secrets);</li>
 * <li>{@code QSCTL_MNEMONIC_FILE}: a file holding the words (mounted secrets);</li>
 * <li>the identity file, unlocked with {@code QSCTL_PASSPHRASE}, else with a passphrase the
 *     {@link PassphrasePrompt} obtains;</li>
 * <li>only through {@link #requireOrSandbox}: the embedded grid's {@link SandboxKeyFile}.</li>
 * </ol>
 *
 * <p>A source that is present but wrong (bad words, unreadable file, wrong passphrase) is an
 * error, never a reason to try the next one: falling through would silently use a different
 * identity. Blank variables count as unset.
 */
public final class IdentitySource {

    public static final String MNEMONIC_VAR = "QSCTL_MNEMONIC";
    public static final String MNEMONIC_FILE_VAR = "QSCTL_MNEMONIC_FILE";
    public static final String PASSPHRASE_VAR = "QSCTL_PASSPHRASE";

    /** A mnemonic file larger than this is not a mnemonic file. */
    private static final int MAX_MNEMONIC_FILE_BYTES = 4096;

    private final Map<String, String> env;
    private final IdentityStore store;
    private final PassphrasePrompt prompt;

    public IdentitySource(Map<String, String> env, IdentityStore store, PassphrasePrompt prompt) {
        this.env = Map.copyOf(env);
        this.store = Objects.requireNonNull(store, "store");
        this.prompt = Objects.requireNonNull(prompt, "prompt");
    }

    /** The user's identity, or empty when no source is present. */
    public Optional<ResolvedIdentity> find() {
        String words = variable(MNEMONIC_VAR);
        if (words != null) {
            Mnemonic mnemonic = withContext(MNEMONIC_VAR, () -> Mnemonic.parse(words));
            return Optional.of(resolved(mnemonic, IdentityOrigin.ENV_MNEMONIC, "environment variable " + MNEMONIC_VAR));
        }
        String mnemonicFile = variable(MNEMONIC_FILE_VAR);
        if (mnemonicFile != null) {
            Path file = Path.of(mnemonicFile);
            Mnemonic mnemonic = withContext(MNEMONIC_FILE_VAR + " (" + file + ")", () -> readMnemonicFile(file));
            return Optional.of(resolved(mnemonic, IdentityOrigin.MNEMONIC_FILE, file.toString()));
        }
        if (store.exists()) {
            return Optional.of(new ResolvedIdentity(unlockStore(), IdentityOrigin.IDENTITY_FILE, store.file().toString()));
        }
        return Optional.empty();
    }

    /** The user's identity; an error that says where qsctl looked when there is none. */
    public ResolvedIdentity require() {
        return find().orElseThrow(() -> QsctlException.invalidInput("no identity: there is no identity file at "
                + store.file() + " and neither " + MNEMONIC_VAR + " nor " + MNEMONIC_FILE_VAR
                + " is set; create or import an identity first"));
    }

    /**
     * The user's identity if there is one, else the sandbox identity (created on first use). Only
     * for the embedded grid: the sandbox is not recoverable.
     */
    public ResolvedIdentity requireOrSandbox(SandboxKeyFile sandbox) {
        return find().orElseGet(() -> new ResolvedIdentity(sandbox.loadOrCreate(), IdentityOrigin.SANDBOX,
                sandbox.file().toString()));
    }

    private MnemonicIdentity unlockStore() {
        String fromEnv = variable(PASSPHRASE_VAR);
        char[] passphrase;
        if (fromEnv != null) {
            passphrase = fromEnv.toCharArray();
        } else {
            passphrase = prompt.ask(store.file()).orElseThrow(() -> QsctlException.invalidInput("the identity in "
                    + store.file() + " is protected by a passphrase: set " + PASSPHRASE_VAR
                    + ", or run qsctl on a terminal to be asked for it"));
        }
        try {
            return store.unlock(passphrase);
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }

    private static Mnemonic readMnemonicFile(Path file) {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_MNEMONIC_FILE_BYTES) {
                throw QsctlException.invalidInput("the file is larger than " + MAX_MNEMONIC_FILE_BYTES
                        + " bytes; it should hold only the mnemonic's words");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw QsctlException.invalidInput("cannot read the file (" + e.getClass().getSimpleName() + ")");
        }
        char[] chars = null;
        try {
            CharBuffer decoded = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
            chars = new char[decoded.remaining()];
            decoded.get(chars);
            Arrays.fill(decoded.array(), '\0');
            return Mnemonic.parse(CharBuffer.wrap(chars));
        } catch (CharacterCodingException e) {
            throw QsctlException.invalidInput("the file is not UTF-8 text");
        } finally {
            Arrays.fill(bytes, (byte) 0);
            if (chars != null) {
                Arrays.fill(chars, '\0');
            }
        }
    }

    private static ResolvedIdentity resolved(Mnemonic mnemonic, IdentityOrigin origin, String source) {
        try {
            return new ResolvedIdentity(MnemonicIdentity.of(mnemonic), origin, source);
        } finally {
            mnemonic.destroy();
        }
    }

    /** Runs {@code action}, prefixing any error with the source it came from. */
    private static Mnemonic withContext(String source, java.util.function.Supplier<Mnemonic> action) {
        try {
            return action.get();
        } catch (QsctlException e) {
            throw new QsctlException(e.exitCode(), source + ": " + e.getMessage());
        }
    }

    private String variable(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    @Override
    public String toString() {
        return "IdentitySource[" + store.file() + "]";
    }
}
