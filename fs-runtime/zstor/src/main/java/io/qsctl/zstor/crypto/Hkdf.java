package io.qsctl.zstor.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HKDF with HMAC-SHA256 (RFC 5869), for output of at most one hash length, which is all the store needs. */
final class Hkdf {

    static final int HASH_LENGTH = 32;
    private static final String HMAC = "HmacSHA256";

    private Hkdf() {
    }

    /** {@code HKDF-Expand(HKDF-Extract(salt, ikm), info, length)} with {@code length <= 32}. */
    static byte[] derive(byte[] ikm, byte[] salt, byte[] info, int length) {
        if (length < 1 || length > HASH_LENGTH) {
            throw new IllegalArgumentException("this HKDF derives 1 to 32 bytes, not " + length);
        }
        byte[] prk = null;
        byte[] block = null;
        try {
            Mac extract = Mac.getInstance(HMAC);
            extract.init(new SecretKeySpec(salt.length == 0 ? new byte[HASH_LENGTH] : salt, HMAC));
            prk = extract.doFinal(ikm);
            Mac expand = Mac.getInstance(HMAC);
            expand.init(new SecretKeySpec(prk, HMAC));
            expand.update(info);
            expand.update((byte) 1);
            block = expand.doFinal();
            return Arrays.copyOf(block, length);
        } catch (GeneralSecurityException e) {
            // HmacSHA256 is a mandatory JDK algorithm; its absence is a broken runtime, not a user error
            throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
        } finally {
            if (prk != null) {
                Arrays.fill(prk, (byte) 0);
            }
            if (block != null) {
                Arrays.fill(block, (byte) 0);
            }
        }
    }
}
