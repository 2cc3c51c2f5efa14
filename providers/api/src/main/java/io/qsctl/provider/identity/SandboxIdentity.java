package io.qsctl.provider.identity;

/**
 * The embedded grid's "try it without an identity" mode: keys derived from a random 32-byte
 * sandbox key (see {@link SandboxKeyFile}) under a salt of its own, so they can never equal a
 * mnemonic's keys. Nothing about it is recoverable on another machine. Thread-safe.
 */
public final class SandboxIdentity extends DerivedIdentity {

    private SandboxIdentity(KeyDerivation keys) {
        super(keys);
    }

    /** The identity of a 32-byte sandbox key (copied; the caller wipes its array). */
    public static SandboxIdentity fromKey(byte[] key) {
        if (key.length != SandboxKeyFile.KEY_BYTES) {
            throw new IllegalArgumentException("a sandbox key is 32 bytes");
        }
        return new SandboxIdentity(KeyDerivation.ofSandboxKey(key));
    }

    @Override
    public boolean recoverable() {
        return false;
    }
}
