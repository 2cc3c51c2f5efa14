package io.qsctl.zstor.meta;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.qsctl.common.Hkdf;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys derived from the caller's 32-byte metadata key, each for one purpose (HKDF-SHA256 with
 * a fixed salt and one {@code info} label per purpose), so that no key is ever used for two
 * things:
 *
 * <ul>
 *   <li>the record key: AES-256-GCM over each record version;</li>
 *   <li>the MAC key: HMAC-SHA256 tags on every meta shard and every local index entry;</li>
 *   <li>the key id: 8 bytes stored in every shard header so a store opened with the wrong key
 *       says so instead of calling every shard corrupt. It is a PRF output of the key, so it
 *       tells nothing about the key beyond what any authenticated shard already lets one check.</li>
 * </ul>
 *
 * <p>The caller's key is not kept. {@link #toString()} prints nothing secret.
 */
final class MetaKeys {

    static final int METADATA_KEY_BYTES = 32;
    static final int KEY_ID_BYTES = 8;

    private static final byte[] SALT = "qsctl/zstor/metadata".getBytes(US_ASCII);
    private static final String HMAC = "HmacSHA256";

    private final SecretKey recordKey;
    private final SecretKey macKey;
    private final byte[] keyId;

    private MetaKeys(SecretKey recordKey, SecretKey macKey, byte[] keyId) {
        this.recordKey = recordKey;
        this.macKey = macKey;
        this.keyId = keyId;
    }

    /** Derives the sub-keys; the argument is left as it was (the caller owns and wipes it). */
    static MetaKeys derive(byte[] metadataKey) {
        Objects.requireNonNull(metadataKey, "metadataKey");
        if (metadataKey.length != METADATA_KEY_BYTES) {
            throw new IllegalArgumentException("the metadata key has " + METADATA_KEY_BYTES + " bytes, not "
                    + metadataKey.length);
        }
        byte[] record = Hkdf.derive(metadataKey, SALT, label("record-encryption/aes-256-gcm/v1"), 32);
        byte[] mac = Hkdf.derive(metadataKey, SALT, label("shard-authentication/hmac-sha256/v1"), 32);
        byte[] id = Hkdf.derive(metadataKey, SALT, label("key-id/v1"), KEY_ID_BYTES);
        try {
            return new MetaKeys(new SecretKeySpec(record, "AES"), new SecretKeySpec(mac, HMAC), id);
        } finally {
            // SecretKeySpec keeps its own copy; ours need not linger on the heap
            Arrays.fill(record, (byte) 0);
            Arrays.fill(mac, (byte) 0);
        }
    }

    private static byte[] label(String purpose) {
        return ("qsctl zstor metadata " + purpose).getBytes(US_ASCII);
    }

    SecretKey recordKey() {
        return recordKey;
    }

    /** A fresh HMAC-SHA256 instance keyed with the MAC key (Mac objects are not thread-safe). */
    Mac mac() {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(macKey);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("this JVM lacks " + HMAC + ", which every Java SE has", e);
        }
    }

    /**
     * A fresh MAC (as {@link #mac()}) already fed with what binds a tag to its kind and its record:
     * {@code domain}, the length of {@code id} in UTF-8 (2 bytes, big-endian) and {@code id}; so a
     * tag of one kind, or of one record, never verifies as another's.
     */
    Mac macFor(byte[] domain, String id) {
        byte[] idBytes = id.getBytes(UTF_8);
        Mac mac = mac();
        mac.update(domain);
        mac.update((byte) (idBytes.length >>> 8));
        mac.update((byte) idBytes.length);
        mac.update(idBytes);
        return mac;
    }

    byte[] keyId() {
        return keyId.clone();
    }

    /** Whether {@code length} bytes at {@code offset} are this key's id. */
    boolean isKeyId(byte[] buffer, int offset) {
        return MessageDigest.isEqual(keyId, Arrays.copyOfRange(buffer, offset, offset + KEY_ID_BYTES));
    }

    @Override
    public String toString() {
        return "MetaKeys[***]";
    }
}
