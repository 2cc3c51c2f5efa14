package io.qsctl.provider.identity;

import io.qsctl.provider.Signer;

/**
 * Everything secret qsctl uses, derived from one root: the account key that signs reservations,
 * and per cluster the data, metadata and state keys and every backend's namespace password.
 * Derivation is HKDF-SHA256 with a distinct label per purpose, so no key reveals another and
 * the root alone re-derives them all on a new machine.
 *
 * <p>Keys are returned as fresh arrays; callers wipe them when done where they can. No method
 * and no {@code toString} ever prints a secret.
 */
public interface Identity {

    /** Signs reservations as the twin's account (ed25519). */
    Signer accountSigner();

    /** The account's ed25519 public key, hex: registered on the grid as the twin's key. */
    String accountPublicKeyHex();

    /** AES-256 key that encrypts a cluster's data segments. */
    byte[] dataKey(String cluster);

    /** AES-256 key that encrypts a cluster's segment metadata. */
    byte[] metadataKey(String cluster);

    /** AES-256 key that encrypts a cluster's state file. */
    byte[] stateKey(String cluster);

    /** The password of one backend's zdb namespace (printable, at most 63 bytes, as 0-db allows). */
    String namespacePassword(String cluster, String backend);

    /**
     * Whether this identity comes from a mnemonic the user holds (recoverable anywhere) rather
     * than from the embedded grid's sandbox key (usable only on this machine, for trying qsctl).
     */
    boolean recoverable();
}
