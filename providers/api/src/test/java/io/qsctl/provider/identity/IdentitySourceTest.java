package io.qsctl.provider.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentitySourceTest {

    private static final Mnemonic ENV_WORDS = Mnemonic.fromEntropy(new byte[16]);
    private static final Mnemonic FILE_WORDS = Mnemonic.fromEntropy(filled(16, 0x7f));
    private static final Mnemonic STORED_WORDS = Mnemonic.fromEntropy(filled(32, 0x80));

    @TempDir
    Path dir;

    private IdentityStore store;
    private Path wordsFile;
    private final Map<String, String> env = new HashMap<>();
    private final AtomicInteger prompts = new AtomicInteger();

    @BeforeEach
    void setUp() throws Exception {
        store = IdentityStoreTest.fastStore(dir.resolve("identity.json"));
        wordsFile = dir.resolve("words.txt");
        Files.writeString(wordsFile, String.join(" ", FILE_WORDS.words()) + "\n");
    }

    private IdentitySource source() {
        return new IdentitySource(env, store, file -> {
            prompts.incrementAndGet();
            return Optional.of("stored-pw".toCharArray());
        });
    }

    private static String account(Mnemonic m) {
        return MnemonicIdentity.of(m).accountPublicKeyHex();
    }

    @Test
    void mnemonicInTheEnvironmentComesFirst() {
        store.importMnemonic(STORED_WORDS, "stored-pw".toCharArray());
        env.put("QSCTL_MNEMONIC", String.join(" ", ENV_WORDS.words()));
        env.put("QSCTL_MNEMONIC_FILE", wordsFile.toString());
        ResolvedIdentity found = source().require();
        assertThat(found.origin()).isEqualTo(IdentityOrigin.ENV_MNEMONIC);
        assertThat(found.source()).isEqualTo("environment variable QSCTL_MNEMONIC");
        assertThat(found.identity().accountPublicKeyHex()).isEqualTo(account(ENV_WORDS));
        assertThat(prompts).hasValue(0);
    }

    @Test
    void mnemonicFileComesSecond() {
        store.importMnemonic(STORED_WORDS, "stored-pw".toCharArray());
        env.put("QSCTL_MNEMONIC", "   ");
        env.put("QSCTL_MNEMONIC_FILE", wordsFile.toString());
        ResolvedIdentity found = source().require();
        assertThat(found.origin()).isEqualTo(IdentityOrigin.MNEMONIC_FILE);
        assertThat(found.source()).isEqualTo(wordsFile.toString());
        assertThat(found.identity().accountPublicKeyHex()).isEqualTo(account(FILE_WORDS));
    }

    @Test
    void identityFileUnlocksWithThePassphraseVariableWithoutPrompting() {
        store.importMnemonic(STORED_WORDS, "env-pw".toCharArray());
        env.put("QSCTL_PASSPHRASE", "env-pw");
        ResolvedIdentity found = source().require();
        assertThat(found.origin()).isEqualTo(IdentityOrigin.IDENTITY_FILE);
        assertThat(found.identity().accountPublicKeyHex()).isEqualTo(account(STORED_WORDS));
        assertThat(prompts).hasValue(0);
    }

    @Test
    void identityFileUnlocksWithAPromptedPassphraseOtherwise() {
        store.importMnemonic(STORED_WORDS, "stored-pw".toCharArray());
        ResolvedIdentity found = source().require();
        assertThat(found.origin()).isEqualTo(IdentityOrigin.IDENTITY_FILE);
        assertThat(found.identity().accountPublicKeyHex()).isEqualTo(account(STORED_WORDS));
        assertThat(prompts).hasValue(1);
    }

    @Test
    void aLockedIdentityFileWithNobodyToAskSaysHowToUnlockIt() {
        store.importMnemonic(STORED_WORDS, "stored-pw".toCharArray());
        IdentitySource source = new IdentitySource(env, store, PassphrasePrompt.none());
        assertThatThrownBy(source::require).hasMessageContaining("is protected by a passphrase: set QSCTL_PASSPHRASE");
    }

    @Test
    void aWrongPassphraseVariableIsAnErrorNotAPrompt() {
        store.importMnemonic(STORED_WORDS, "stored-pw".toCharArray());
        env.put("QSCTL_PASSPHRASE", "nope");
        assertThatThrownBy(() -> source().require()).hasMessageStartingWith("wrong passphrase");
        assertThat(prompts).hasValue(0);
    }

    @Test
    void aBadSourceIsAnErrorNamingItNeverAFallThrough() {
        store.importMnemonic(STORED_WORDS, "stored-pw".toCharArray());
        env.put("QSCTL_MNEMONIC", "abandon abandon abandon");
        assertThatThrownBy(() -> source().require()).hasMessageStartingWith("QSCTL_MNEMONIC: a mnemonic has 12");
        env.remove("QSCTL_MNEMONIC");
        env.put("QSCTL_MNEMONIC_FILE", dir.resolve("missing.txt").toString());
        assertThatThrownBy(() -> source().require()).hasMessageStartingWith("QSCTL_MNEMONIC_FILE (" + dir.resolve("missing.txt")
                + "): cannot read the file");
    }

    @Test
    void withoutAnySourceRequireExplainsWhereItLooked() {
        assertThat(source().find()).isEmpty();
        assertThatThrownBy(() -> source().require())
                .hasMessageContaining("no identity file at " + store.file())
                .hasMessageContaining("QSCTL_MNEMONIC");
    }

    @Test
    void theSandboxIsUsedOnlyWhenAskedForAndNothingElseIsThere() {
        SandboxKeyFile sandbox = new SandboxKeyFile(dir.resolve("sandbox.key"));
        ResolvedIdentity found = source().requireOrSandbox(sandbox);
        assertThat(found.origin()).isEqualTo(IdentityOrigin.SANDBOX);
        assertThat(found.identity().recoverable()).isFalse();
        assertThat(sandbox.exists()).isTrue();

        env.put("QSCTL_MNEMONIC", String.join(" ", ENV_WORDS.words()));
        assertThat(source().requireOrSandbox(sandbox).origin()).isEqualTo(IdentityOrigin.ENV_MNEMONIC);
    }

    private static byte[] filled(int n, int value) {
        byte[] out = new byte[n];
        java.util.Arrays.fill(out, (byte) value);
        return out;
    }
}
