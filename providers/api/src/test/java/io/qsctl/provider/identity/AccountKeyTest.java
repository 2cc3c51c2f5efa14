package io.qsctl.provider.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qsctl.provider.Signed;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class AccountKeyTest {

    private static final HexFormat HEX = HexFormat.of();

    /** RFC 8032 section 7.1, TEST 1. */
    private static final String RFC_SEED = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    private static final String RFC_PUBLIC = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    private static final String RFC_SIGNATURE = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

    @Test
    void matchesRfc8032TestVector1() {
        AccountKey key = AccountKey.fromSeed(HEX.parseHex(RFC_SEED));
        assertThat(key.publicKeyHex()).isEqualTo(RFC_PUBLIC);
        Signed signed = key.sign(new byte[0]);
        assertThat(signed.signatureHex()).isEqualTo(RFC_SIGNATURE);
        assertThat(AccountKey.verify(RFC_PUBLIC, new byte[0], RFC_SIGNATURE)).isTrue();
    }

    @Test
    void signaturesVerifyOnlyForTheSamePayloadAndKey() {
        AccountKey key = AccountKey.fromSeed(HEX.parseHex(RFC_SEED));
        byte[] payload = "{\"v\":1}".getBytes(StandardCharsets.US_ASCII);
        Signed signed = key.sign(payload);
        assertThat(signed.payload()).isEqualTo(payload);
        assertThat(AccountKey.verify(key.publicKeyHex(), payload, signed.signatureHex())).isTrue();
        assertThat(AccountKey.verify(key.publicKeyHex(), "{\"v\":2}".getBytes(StandardCharsets.US_ASCII), signed.signatureHex()))
                .isFalse();
        AccountKey other = AccountKey.fromSeed(new byte[32]);
        assertThat(AccountKey.verify(other.publicKeyHex(), payload, signed.signatureHex())).isFalse();
    }

    @Test
    void malformedInputIsSimplyNotAValidSignature() {
        assertThat(AccountKey.verify("zz", new byte[0], RFC_SIGNATURE)).isFalse();
        assertThat(AccountKey.verify(RFC_PUBLIC, new byte[0], "00")).isFalse();
        assertThat(AccountKey.verify("g".repeat(64), new byte[0], RFC_SIGNATURE)).isFalse();
        assertThat(AccountKey.verify(RFC_PUBLIC, new byte[0], "x".repeat(128))).isFalse();
        assertThat(AccountKey.verify(null, new byte[0], RFC_SIGNATURE)).isFalse();
    }

    @Test
    void derivedAccountKeyMatchesAnIndependentEd25519Implementation() {
        // Public key and signature from Python's cryptography package for the zero mnemonic's account seed.
        AccountKey key = AccountKey.fromSeed(HEX.parseHex("826e77804eb55b5eb1c9ac5ac14929d32949045f710b0cbe02d5c39868bdc06e"));
        assertThat(key.publicKeyHex()).isEqualTo("362a49391e278793616adf11b18975484cf73c6ac4d9c4169ac6098eea6f5fc9");
        assertThat(key.sign("qsctl".getBytes(StandardCharsets.US_ASCII)).signatureHex()).isEqualTo(
                "5a4f9a62963328182a92cb12ceb3484f892518037ff756631d60f0223c0855d839b6c7367ba5fbb3b818292c7e866eac8ac6c96caa8c4f67b926eaaffde96804");
    }

    @Test
    void aDestroyedKeyNoLongerSigns() {
        AccountKey key = AccountKey.fromSeed(HEX.parseHex(RFC_SEED));
        key.destroy();
        assertThat(key.isDestroyed()).isTrue();
        assertThatThrownBy(() -> key.sign(new byte[0])).isInstanceOf(IllegalStateException.class);
        assertThat(key.publicKeyHex()).isEqualTo(RFC_PUBLIC);
    }

    @Test
    void refusesSeedsThatAreNot32Bytes() {
        assertThatThrownBy(() -> AccountKey.fromSeed(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    }
}
