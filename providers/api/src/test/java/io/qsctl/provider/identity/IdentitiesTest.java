package io.qsctl.provider.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qsctl.provider.Signed;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class IdentitiesTest {

    private static final Mnemonic ZERO = Mnemonic.fromEntropy(new byte[32]);

    @Test
    void aMnemonicIdentityIsRecoverableAndDerivesTheDocumentedKeys() {
        MnemonicIdentity identity = MnemonicIdentity.of(ZERO);
        assertThat(identity.recoverable()).isTrue();
        assertThat(identity.accountPublicKeyHex()).isEqualTo("362a49391e278793616adf11b18975484cf73c6ac4d9c4169ac6098eea6f5fc9");
        assertThat(identity.accountSigner().publicKeyHex()).isEqualTo(identity.accountPublicKeyHex());
        assertThat(HexFormat.of().formatHex(identity.stateKey("family-photos")))
                .isEqualTo("6efb628d9096ec906df7a1f55caa47be375c23e9e45604317b18a6c92eeacc13");
        assertThat(identity.namespacePassword("family-photos", "data-07")).isEqualTo("c032e5835e87f349ea5c36ea11ad27d0fb1efc63");
    }

    @Test
    void theSameWordsGiveTheSameIdentityAnywhere() {
        MnemonicIdentity a = MnemonicIdentity.of(Mnemonic.parse(String.join(" ", ZERO.words())));
        MnemonicIdentity b = MnemonicIdentity.of(ZERO);
        assertThat(a.accountPublicKeyHex()).isEqualTo(b.accountPublicKeyHex());
        assertThat(a.dataKey("c")).isEqualTo(b.dataKey("c"));
    }

    @Test
    void aBip39PassphraseGivesAnotherIdentity() {
        assertThat(MnemonicIdentity.of(ZERO, "TREZOR").accountPublicKeyHex())
                .isNotEqualTo(MnemonicIdentity.of(ZERO).accountPublicKeyHex());
    }

    @Test
    void signaturesOfTheAccountSignerVerify() {
        MnemonicIdentity identity = MnemonicIdentity.of(ZERO);
        byte[] payload = "reserve".getBytes(StandardCharsets.US_ASCII);
        Signed signed = identity.accountSigner().sign(payload);
        assertThat(AccountKey.verify(identity.accountPublicKeyHex(), payload, signed.signatureHex())).isTrue();
    }

    @Test
    void aSandboxIdentityIsNotRecoverableAndDiffersFromAMnemonicOverTheSameBytes() {
        byte[] key = new byte[32];
        for (int i = 0; i < 32; i++) {
            key[i] = (byte) i;
        }
        SandboxIdentity sandbox = SandboxIdentity.fromKey(key);
        assertThat(sandbox.recoverable()).isFalse();
        assertThat(sandbox.accountPublicKeyHex()).isEqualTo("f86bc56b6d003440c0663bf5d4ef3664364786218634bf57912c6210165af757");
        assertThat(sandbox.accountPublicKeyHex()).isNotEqualTo(MnemonicIdentity.of(Mnemonic.fromEntropy(key)).accountPublicKeyHex());
        assertThatThrownBy(() -> SandboxIdentity.fromKey(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void destroyingAnIdentityStopsItsKeys() {
        MnemonicIdentity identity = MnemonicIdentity.of(ZERO);
        identity.destroy();
        assertThat(identity.isDestroyed()).isTrue();
        assertThatThrownBy(() -> identity.dataKey("c")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> identity.accountSigner().sign(new byte[1])).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void toStringShowsOnlyTheKindAndTheAccount() {
        assertThat(MnemonicIdentity.of(ZERO).toString())
                .isEqualTo("MnemonicIdentity[account 362a49391e278793616adf11b18975484cf73c6ac4d9c4169ac6098eea6f5fc9]");
    }
}
