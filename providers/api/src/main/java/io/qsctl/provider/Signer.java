package io.qsctl.provider;

/**
 * Signs payloads for a twin: the local identity (derived from the mnemonic), or the user's phone
 * through ThreeFold Connect. The grid verifies with {@link #publicKeyHex()}.
 */
public interface Signer {

    /** The ed25519 public key, 32 bytes in hex. */
    String publicKeyHex();

    /** Signs {@code payload}; may block while a person approves it. */
    Signed sign(byte[] payload);
}
