package io.qsctl.common;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF with HMAC-SHA256 (RFC 5869), the one key derivation of qsctl: the identity's keys from the
 * mnemonic, the store's per-segment keys and the metadata sub-keys. The JDK 17 has HMAC but no
 * HKDF; this is the two-step construction written out, checked against the RFC's test vectors.
 * Every intermediate secret (the pseudo-random key, each block) is wiped once used.
 */
public final class Hkdf {

    /** Bytes of one SHA-256 block; at most 255 of them can be derived. */
    public static final int HASH_LENGTH = 32;
    private static final String HMAC = "HmacSHA256";

    private Hkdf() {
    }

    /**
     * {@code HKDF-Expand(HKDF-Extract(salt, inputKey), info, length)}: {@code length} bytes (1 to
     * 8160) of key material bound to {@code info}, in a fresh array the caller wipes. An empty
     * salt means the RFC's default, {@value #HASH_LENGTH} zero bytes.
     */
    public static byte[] derive(byte[] inputKey, byte[] salt, byte[] info, int length) {
        requireLength(length);
        byte[] prk = extract(salt, inputKey);
        try {
            return expand(prk, info, length);
        } finally {
            Arrays.fill(prk, (byte) 0);
        }
    }

    /** {@code HKDF-Extract}: the pseudo-random key of {@code inputKey} under {@code salt} (empty or null: zeros). */
    public static byte[] extract(byte[] salt, byte[] inputKey) {
        // the JDK refuses an empty HMAC key; HMAC pads any key with zeros, so zeros are the same key
        byte[] effectiveSalt = salt == null || salt.length == 0 ? new byte[HASH_LENGTH] : salt;
        return mac(effectiveSalt).doFinal(inputKey);
    }

    /** {@code HKDF-Expand}: {@code length} bytes (1 to 8160) from the pseudo-random key {@code prk}. */
    public static byte[] expand(byte[] prk, byte[] info, int length) {
        requireLength(length);
        Mac mac = mac(prk);
        byte[] out = new byte[length];
        byte[] block = new byte[0];
        int written = 0;
        for (int counter = 1; written < length; counter++) {
            mac.update(block);
            mac.update(info);
            mac.update((byte) counter);
            Arrays.fill(block, (byte) 0);
            block = mac.doFinal();
            int take = Math.min(block.length, length - written);
            System.arraycopy(block, 0, out, written, take);
            written += take;
        }
        Arrays.fill(block, (byte) 0);
        return out;
    }

    private static void requireLength(int length) {
        if (length < 1 || length > 255 * HASH_LENGTH) {
            throw new IllegalArgumentException("HKDF-SHA256 yields 1 to " + 255 * HASH_LENGTH + " bytes, not " + length);
        }
    }

    private static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            // HmacSHA256 is a mandatory JDK algorithm; its absence is a broken runtime, not a user error
            throw new IllegalStateException("this JVM lacks " + HMAC + ", which every Java SE has", e);
        }
    }
}
