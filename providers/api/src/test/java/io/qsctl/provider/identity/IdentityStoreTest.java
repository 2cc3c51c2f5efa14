package io.qsctl.provider.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qsctl.common.ExitCode;
import io.qsctl.common.QsctlException;
import io.qsctl.provider.identity.IdentityFile.ScryptCost;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class IdentityStoreTest {

    @TempDir
    Path home;

    /** A cheap scrypt cost keeps these tests fast; one test below uses the real default. */
    static IdentityStore fastStore(Path file) {
        return new IdentityStore(file, new ScryptCost(1024, 8, 1), new SecureRandom(),
                Clock.fixed(Instant.parse("2026-11-23T10:15:30Z"), ZoneOffset.UTC));
    }

    private Path file() {
        return home.resolve("config/qsctl/identity.json");
    }

    @Test
    void createdIdentityUnlocksWithItsPassphraseToTheSameKeys() {
        IdentityStore store = fastStore(file());
        Mnemonic shown = store.create("correct horse".toCharArray());
        assertThat(shown.wordCount()).isEqualTo(24);
        MnemonicIdentity unlocked = store.unlock("correct horse".toCharArray());
        assertThat(unlocked.accountPublicKeyHex()).isEqualTo(MnemonicIdentity.of(shown).accountPublicKeyHex());
        assertThat(unlocked.stateKey("c")).isEqualTo(MnemonicIdentity.of(shown).stateKey("c"));
        assertThat(store.mnemonic("correct horse".toCharArray())).isEqualTo(shown);
    }

    @Test
    void theRealScryptCostWorksAndIsRecordedInTheFile() throws Exception {
        IdentityStore store = new IdentityStore(file());
        store.create("pw".toCharArray());
        JsonNode json = JsonMapper.shared().readTree(Files.readAllBytes(file()));
        assertThat(json.get("n").intValue()).isEqualTo(32768);
        assertThat(json.get("r").intValue()).isEqualTo(8);
        assertThat(json.get("p").intValue()).isEqualTo(1);
        assertThat(store.unlock("pw".toCharArray()).recoverable()).isTrue();
    }

    @Test
    void fileHasTheDocumentedFieldsAndNoWords() throws Exception {
        IdentityStore store = fastStore(file());
        Mnemonic m = store.create("pw".toCharArray());
        String text = Files.readString(file());
        JsonNode json = JsonMapper.shared().readTree(text);
        assertThat(json.propertyNames()).containsExactly("version", "kdf", "n", "r", "p", "salt", "nonce", "ciphertext",
                "publicKey", "created");
        assertThat(json.get("version").intValue()).isEqualTo(1);
        assertThat(json.get("kdf").stringValue()).isEqualTo("scrypt");
        assertThat(json.get("publicKey").stringValue()).isEqualTo(MnemonicIdentity.of(m).accountPublicKeyHex());
        assertThat(json.get("created").stringValue()).isEqualTo("2026-11-23T10:15:30Z");
        // Not word by word over the whole text: "version" and "salt" are BIP-39 words as well as field
        // names here, so a phrase holding one of them failed this test by chance (about 1 run in 40).
        java.util.List<String> words = m.words();
        for (int i = 0; i + 1 < words.size(); i++) {
            assertThat(text).doesNotContain(words.get(i) + " " + words.get(i + 1));
        }
        json.properties().forEach(field -> assertThat(words).as("the value of %s", field.getKey())
                .doesNotContain(field.getValue().asString()));
    }

    @Test
    void fileIsOwnerOnlyAndItsNewDirectoriesToo() throws Exception {
        fastStore(file()).create("pw".toCharArray());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file().getParent()))).isEqualTo("rwx------");
        try (var listing = Files.list(file().getParent())) {
            assertThat(listing).containsExactly(file());
        }
    }

    @Test
    void publicKeyIsReadableWithoutThePassphrase() {
        IdentityStore store = fastStore(file());
        assertThat(store.exists()).isFalse();
        Mnemonic m = store.create("pw".toCharArray());
        assertThat(store.exists()).isTrue();
        assertThat(new IdentityStore(file()).publicKeyHex()).isEqualTo(MnemonicIdentity.of(m).accountPublicKeyHex());
    }

    @Test
    void wrongPassphraseIsAClearErrorWithExitCodeOne() {
        IdentityStore store = fastStore(file());
        store.create("right".toCharArray());
        assertThatThrownBy(() -> store.unlock("wrong".toCharArray()))
                .isInstanceOfSatisfying(QsctlException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.ERROR))
                .hasMessageStartingWith("wrong passphrase for the identity in " + file())
                .hasNoCause();
    }

    @Test
    void aChangedHeaderMakesTheFileUnopenable() throws Exception {
        IdentityStore store = fastStore(file());
        store.create("pw".toCharArray());
        ObjectNode json = (ObjectNode) JsonMapper.shared().readTree(Files.readAllBytes(file()));
        json.put("publicKey", "00".repeat(32));
        Files.writeString(file(), json.toString());
        assertThatThrownBy(() -> store.unlock("pw".toCharArray())).hasMessageStartingWith("wrong passphrase");
    }

    @Test
    void importedMnemonicUnlocksToItsOwnIdentity() {
        Mnemonic m = Mnemonic.fromEntropy(new byte[32]);
        IdentityStore store = fastStore(file());
        store.importMnemonic(m, "pw".toCharArray());
        assertThat(store.unlock("pw".toCharArray()).accountPublicKeyHex())
                .isEqualTo("362a49391e278793616adf11b18975484cf73c6ac4d9c4169ac6098eea6f5fc9");
    }

    @Test
    void neverOverwritesAnExistingIdentity() {
        IdentityStore store = fastStore(file());
        store.create("pw".toCharArray());
        String before = store.publicKeyHex();
        assertThatThrownBy(() -> store.create("pw".toCharArray())).hasMessageContaining("already stored");
        assertThatThrownBy(() -> store.importMnemonic(Mnemonic.generate(), "pw".toCharArray()))
                .hasMessageContaining("never overwrites");
        assertThat(store.publicKeyHex()).isEqualTo(before);
    }

    @Test
    void refusesAnEmptyPassphrase() {
        assertThatThrownBy(() -> fastStore(file()).create(new char[0])).hasMessageContaining("non-empty passphrase");
    }

    @Test
    void missingAndDamagedFilesAreClearErrors() throws Exception {
        IdentityStore store = fastStore(file());
        assertThatThrownBy(() -> store.unlock("pw".toCharArray())).hasMessage("no identity is stored in " + file());
        Files.createDirectories(file().getParent());
        Files.writeString(file(), "{\"version\":1}");
        assertThatThrownBy(store::publicKeyHex).hasMessageContaining("is damaged: 'kdf' is missing");
        Files.writeString(file(), "not json");
        assertThatThrownBy(store::publicKeyHex).hasMessageContaining("is damaged: it is not JSON");
        Files.writeString(file(), "{\"version\":2}");
        assertThatThrownBy(store::publicKeyHex).hasMessageContaining("format version 2");
    }

    @Test
    void refusesADoctoredScryptCostBeforeSpendingMemoryOnIt() throws Exception {
        IdentityStore store = fastStore(file());
        store.create("pw".toCharArray());
        ObjectNode json = (ObjectNode) JsonMapper.shared().readTree(Files.readAllBytes(file()));
        json.put("n", 1 << 30);
        Files.writeString(file(), json.toString());
        assertThatThrownBy(() -> store.unlock("pw".toCharArray())).hasMessageContaining("power of two");
    }

    @Test
    void defaultPathFollowsXdgConfigHome() {
        Path userHome = Path.of("/home/ana");
        assertThat(IdentityStore.defaultPath(Map.of(), userHome)).isEqualTo(Path.of("/home/ana/.config/qsctl/identity.json"));
        assertThat(IdentityStore.defaultPath(Map.of("XDG_CONFIG_HOME", "/cfg"), userHome))
                .isEqualTo(Path.of("/cfg/qsctl/identity.json"));
        assertThat(IdentityStore.defaultPath(Map.of("XDG_CONFIG_HOME", "relative"), userHome))
                .isEqualTo(Path.of("/home/ana/.config/qsctl/identity.json"));
    }

    @Test
    void storedPlaintextIsTheWordsSoAnyCopyOfTheFileNeedsThePassphrase() throws Exception {
        IdentityStore store = fastStore(file());
        store.create("pw".toCharArray());
        Path copy = home.resolve("copy.json");
        Files.copy(file(), copy);
        assertThat(fastStore(copy).mnemonic("pw".toCharArray())).isEqualTo(store.mnemonic("pw".toCharArray()));
        assertThat(new String(Files.readAllBytes(copy), StandardCharsets.UTF_8)).contains("\"ciphertext\"");
    }
}
