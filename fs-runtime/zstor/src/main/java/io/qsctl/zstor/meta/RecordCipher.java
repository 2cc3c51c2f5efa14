package io.qsctl.zstor.meta;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.qsctl.common.ExitCode;
import io.qsctl.common.QsctlException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM over one version of one record. The output is {@code nonce (12) || ciphertext ||
 * tag (16)}; the nonce is random (96 bits, so a key can seal about 2^32 versions before a nonce
 * collision becomes plausible; the metadata of one cluster stays far below that). The associated
 * data binds the record id and the generation, so a version cannot be replayed under another id
 * or passed off as another generation of the same id.
 */
final class RecordCipher {

    static final int NONCE_BYTES = 12;
    static final int TAG_BYTES = 16;
    static final int OVERHEAD = NONCE_BYTES + TAG_BYTES;

    private static final byte[] AAD_DOMAIN = "qsctl-zstor-meta-record-v1".getBytes(US_ASCII);

    private final MetaKeys keys;
    private final SecureRandom random;

    RecordCipher(MetaKeys keys, SecureRandom random) {
        this.keys = keys;
        this.random = random;
    }

    byte[] seal(String id, long generation, byte[] plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.recordKey(), new GCMParameterSpec(TAG_BYTES * 8, nonce));
            cipher.updateAAD(aad(id, generation));
            byte[] sealed = new byte[NONCE_BYTES + cipher.getOutputSize(plaintext.length)];
            System.arraycopy(nonce, 0, sealed, 0, NONCE_BYTES);
            cipher.doFinal(plaintext, 0, plaintext.length, sealed, NONCE_BYTES);
            return sealed;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM failed to encrypt, which the JDK always supports", e);
        }
    }

    /**
     * Decrypts and authenticates.
     *
     * @throws QsctlException if the bytes were not sealed by this key for this id and generation
     */
    byte[] open(String id, long generation, byte[] sealed) {
        if (sealed.length < OVERHEAD) {
            throw notAuthentic(id, generation);
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, keys.recordKey(),
                    new GCMParameterSpec(TAG_BYTES * 8, Arrays.copyOf(sealed, NONCE_BYTES)));
            cipher.updateAAD(aad(id, generation));
            return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw notAuthentic(id, generation);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM failed to decrypt, which the JDK always supports", e);
        }
    }

    private static QsctlException notAuthentic(String id, long generation) {
        return new QsctlException(ExitCode.ERROR, "metadata record " + id + " generation " + generation
                + " does not decrypt under this metadata key: it was written with another key or altered");
    }

    static byte[] aad(String id, long generation) {
        byte[] idBytes = id.getBytes(UTF_8);
        return ByteBuffer.allocate(AAD_DOMAIN.length + 2 + idBytes.length + 8)
                .put(AAD_DOMAIN).putShort((short) idBytes.length).put(idBytes).putLong(generation).array();
    }
}
