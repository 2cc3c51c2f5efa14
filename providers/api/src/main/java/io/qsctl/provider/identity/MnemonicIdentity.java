package io.qsctl.provider.identity;

import java.util.Arrays;

/**
 * The user's identity: every key derived from the BIP-39 seed of a mnemonic they hold, so the
 * same words give the same keys on any machine. The mnemonic itself is not kept; only the seed's
 * derivation is. Thread-safe.
 */
public final class MnemonicIdentity extends DerivedIdentity {

    private MnemonicIdentity(KeyDerivation keys) {
        super(keys);
    }

    /** The identity of a mnemonic with the empty BIP-39 passphrase (what qsctl creates). */
    public static MnemonicIdentity of(Mnemonic mnemonic) {
        return of(mnemonic, "");
    }

    /** The identity of a mnemonic with a BIP-39 passphrase (the optional "25th word"). */
    public static MnemonicIdentity of(Mnemonic mnemonic, String bip39Passphrase) {
        byte[] seed = mnemonic.seed(bip39Passphrase);
        try {
            return new MnemonicIdentity(KeyDerivation.ofMnemonicSeed(seed));
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    @Override
    public boolean recoverable() {
        return true;
    }
}
