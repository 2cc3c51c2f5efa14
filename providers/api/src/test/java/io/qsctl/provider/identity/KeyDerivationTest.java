package io.qsctl.provider.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyDerivationTest {

    private static final HexFormat HEX = HexFormat.of();

    /** "abandon" x 23 + "art" (32 zero bytes of entropy), empty BIP-39 passphrase. */
    private static final Mnemonic ZERO = Mnemonic.fromEntropy(new byte[32]);

    /**
     * Known answers, computed independently with Python's hmac/hashlib (RFC 5869 written out).
     * They pin the recovery contract: if one changes, existing users lose their keys.
     */
    @Test
    void derivesTheDocumentedKeysFromAMnemonicSeed() {
        KeyDerivation keys = KeyDerivation.ofMnemonicSeed(ZERO.seed(""));
        assertThat(HEX.formatHex(keys.accountSeed()))
                .isEqualTo("826e77804eb55b5eb1c9ac5ac14929d32949045f710b0cbe02d5c39868bdc06e");
        assertThat(HEX.formatHex(keys.dataKey("family-photos")))
                .isEqualTo("deb62fb297c31d254f202680243432b38bfd2e77080b51542e32f63ff1dc35af");
        assertThat(HEX.formatHex(keys.metadataKey("family-photos")))
                .isEqualTo("215b61ec0075fcb07cbeac957aa47aaa8e82c27bc3d532a0c5909448a2332736");
        assertThat(HEX.formatHex(keys.stateKey("family-photos")))
                .isEqualTo("6efb628d9096ec906df7a1f55caa47be375c23e9e45604317b18a6c92eeacc13");
        assertThat(keys.namespacePassword("family-photos", "data-07")).isEqualTo("c032e5835e87f349ea5c36ea11ad27d0fb1efc63");
    }

    @Test
    void sandboxKeysUseTheirOwnSalt() {
        byte[] root = new byte[32];
        for (int i = 0; i < 32; i++) {
            root[i] = (byte) i;
        }
        KeyDerivation sandbox = KeyDerivation.ofSandboxKey(root);
        assertThat(HEX.formatHex(sandbox.accountSeed()))
                .isEqualTo("6f1bcf50190a0d4f254b9f1cc7f30560eca8966de5ee62d836f3663e59bed822");
        assertThat(HEX.formatHex(sandbox.stateKey("family-photos")))
                .isEqualTo("aba60c83f738e9198742bbfd225801697ab1404faab3bb85376450b49b213ff8");
        assertThat(sandbox.accountSeed()).isNotEqualTo(new KeyDerivation(root, KeyDerivation.MNEMONIC_SALT).accountSeed());
    }

    @Test
    void labelsFollowTheDocumentedTable() {
        assertThat(KeyDerivation.ACCOUNT_LABEL).isEqualTo("qsctl/v1/account/ed25519");
        assertThat(KeyDerivation.clusterLabel("c1", "state")).isEqualTo("qsctl/v1/cluster/c1/state");
        assertThat(KeyDerivation.passwordLabel("c1", "meta-2")).isEqualTo("qsctl/v1/cluster/c1/backend/meta-2/zdb-password");
    }

    @Test
    void everyPurposeClusterAndBackendGetsItsOwnKey() {
        KeyDerivation keys = KeyDerivation.ofMnemonicSeed(ZERO.seed(""));
        Set<String> seen = new HashSet<>();
        seen.add(HEX.formatHex(keys.accountSeed()));
        for (String cluster : List.of("a", "b", "backend", "data")) {
            assertThat(seen.add(HEX.formatHex(keys.dataKey(cluster)))).isTrue();
            assertThat(seen.add(HEX.formatHex(keys.metadataKey(cluster)))).isTrue();
            assertThat(seen.add(HEX.formatHex(keys.stateKey(cluster)))).isTrue();
            for (String backend : List.of("data-0", "data-1", "meta-0")) {
                assertThat(seen.add(keys.namespacePassword(cluster, backend))).isTrue();
            }
        }
    }

    @Test
    void namespacePasswordsAreFortyLowerCaseHexCharacters() {
        String password = KeyDerivation.ofMnemonicSeed(ZERO.seed("")).namespacePassword("c", "b");
        assertThat(password).matches("[0-9a-f]{40}");
        assertThat(password.getBytes(java.nio.charset.StandardCharsets.US_ASCII).length).isLessThanOrEqualTo(63);
    }

    @Test
    void refusesNamesThatCouldMakeLabelsAmbiguous() {
        KeyDerivation keys = KeyDerivation.ofMnemonicSeed(ZERO.seed(""));
        for (String bad : new String[] {"a/b", "", "-a", "a-", "UPPER", "a.b", "x".repeat(64)}) {
            assertThatThrownBy(() -> keys.stateKey(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> keys.namespacePassword("ok", bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(keys.stateKey("x".repeat(63))).hasSize(32);
    }

    @Test
    void derivationIsDeterministicAndStopsAfterDestroy() {
        KeyDerivation keys = KeyDerivation.ofMnemonicSeed(ZERO.seed(""));
        assertThat(keys.dataKey("c")).isEqualTo(KeyDerivation.ofMnemonicSeed(ZERO.seed("")).dataKey("c"));
        keys.destroy();
        assertThatThrownBy(() -> keys.dataKey("c")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesShortRoots() {
        assertThatThrownBy(() -> new KeyDerivation(new byte[16], "s")).isInstanceOf(IllegalArgumentException.class);
    }
}
