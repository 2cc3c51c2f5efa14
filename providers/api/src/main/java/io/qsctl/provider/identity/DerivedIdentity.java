package io.qsctl.provider.identity;

import io.qsctl.provider.Signer;
import java.util.Arrays;
import javax.security.auth.Destroyable;

/** An identity whose keys all come from one {@link KeyDerivation}; the two kinds differ only in their root. */
abstract sealed class DerivedIdentity implements Identity, Destroyable permits MnemonicIdentity, SandboxIdentity {

    private final KeyDerivation keys;
    private final AccountKey account;

    DerivedIdentity(KeyDerivation keys) {
        this.keys = keys;
        byte[] seed = keys.accountSeed();
        try {
            this.account = AccountKey.fromSeed(seed);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    @Override
    public Signer accountSigner() {
        return account;
    }

    /** The account key itself, for code that needs more than {@link Signer}. */
    public AccountKey accountKey() {
        return account;
    }

    @Override
    public String accountPublicKeyHex() {
        return account.publicKeyHex();
    }

    @Override
    public byte[] dataKey(String cluster) {
        return keys.dataKey(cluster);
    }

    @Override
    public byte[] metadataKey(String cluster) {
        return keys.metadataKey(cluster);
    }

    @Override
    public byte[] stateKey(String cluster) {
        return keys.stateKey(cluster);
    }

    @Override
    public String namespacePassword(String cluster, String backend) {
        return keys.namespacePassword(cluster, backend);
    }

    @Override
    public void destroy() {
        keys.destroy();
        account.destroy();
    }

    @Override
    public boolean isDestroyed() {
        return keys.isDestroyed();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[account " + account.publicKeyHex() + "]";
    }
}
