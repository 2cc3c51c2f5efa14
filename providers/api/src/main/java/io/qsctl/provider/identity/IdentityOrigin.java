package io.qsctl.provider.identity;

/** Where {@link IdentitySource} found the identity, in its order of precedence. */
public enum IdentityOrigin {
    /** The words in the environment variable {@code QSCTL_MNEMONIC} (CI). */
    ENV_MNEMONIC,
    /** A file holding the words, named by {@code QSCTL_MNEMONIC_FILE}. */
    MNEMONIC_FILE,
    /** The encrypted identity file, unlocked with {@code QSCTL_PASSPHRASE} or a prompted passphrase. */
    IDENTITY_FILE,
    /** The embedded grid's sandbox key: not recoverable. */
    SANDBOX
}
