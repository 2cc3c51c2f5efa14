package io.qsctl.zstor.crypto;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qsctl.common.Hkdf;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SegmentCipherTest {

    private static final byte[] DATA_KEY = bytes(32, 1);
    private static final byte[] SEGMENT = bytes(16, 2);

    private static byte[] bytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] encrypt(SegmentCipher cipher, long index, boolean last, byte[] plain) {
        byte[] out = new byte[plain.length + SegmentCipher.TAG_LENGTH];
        assertThat(cipher.encrypt(index, last, plain, 0, plain.length, out, 0)).isEqualTo(out.length);
        return out;
    }

    private static byte[] decrypt(SegmentCipher cipher, long index, boolean last, byte[] sealed) {
        byte[] out = new byte[sealed.length - SegmentCipher.TAG_LENGTH];
        assertThat(cipher.decrypt(index, last, sealed, 0, sealed.length, out, 0)).isEqualTo(out.length);
        return out;
    }

    @Test
    void aChunkIsNeverEncryptedTwiceUnderOneNonceTheJdkRefusesIt() {
        // the store encrypts each chunk index of a segment once; the JDK enforces it for the last one
        SegmentCipher cipher = SegmentCipher.forSegment(DATA_KEY, bytes(16, 22));
        encrypt(cipher, 9, false, bytes(10, 23));
        assertThatThrownBy(() -> encrypt(cipher, 9, false, bytes(10, 24))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aChunkDecryptsToWhatWasEncryptedIncludingOnesLargerThanASliceAndEmptyOnes() {
        SegmentCipher cipher = SegmentCipher.forSegment(DATA_KEY, SEGMENT);
        int index = 0;
        for (int size : new int[] {0, 1, SegmentCipher.SLICE - 1, SegmentCipher.SLICE, 3 * SegmentCipher.SLICE + 7,
                256 * 1024 - 16}) {
            byte[] plain = bytes(size, size);
            byte[] sealed = encrypt(cipher, index, false, plain);
            assertThat(decrypt(cipher, index, false, sealed)).isEqualTo(plain);
            index++;
        }
    }

    @Test
    void encryptingAtAnOffsetWritesOnlyItsRange() {
        SegmentCipher cipher = SegmentCipher.forSegment(DATA_KEY, SEGMENT);
        byte[] plain = bytes(100, 3);
        byte[] out = new byte[10 + 116 + 10];
        Arrays.fill(out, (byte) 0x55);
        cipher.encrypt(0, true, plain, 0, 100, out, 10);
        assertThat(Arrays.copyOfRange(out, 0, 10)).containsOnly((byte) 0x55);
        assertThat(Arrays.copyOfRange(out, 126, 136)).containsOnly((byte) 0x55);
        byte[] back = new byte[100];
        cipher.decrypt(0, true, out, 10, 116, back, 0);
        assertThat(back).isEqualTo(plain);
    }

    @Test
    void aFlippedBitAnywhereFailsAuthentication() {
        SegmentCipher cipher = SegmentCipher.forSegment(DATA_KEY, SEGMENT);
        byte[] sealed = encrypt(cipher, 0, true, bytes(1000, 4));
        for (int position : new int[] {0, 500, 999, 1000, 1015}) {
            byte[] tampered = sealed.clone();
            tampered[position] ^= 0x10;
            assertThatThrownBy(() -> decrypt(cipher, 0, true, tampered))
                    .isInstanceOf(ChunkAuthenticationException.class)
                    .hasMessageContaining("chunk 0 of segment " + HexFormat.of().formatHex(SEGMENT));
        }
    }

    @Test
    void aChunkReadAtAnotherPositionFailsSoReorderingIsDetected() {
        SegmentCipher cipher = SegmentCipher.forSegment(DATA_KEY, SEGMENT);
        SegmentCipher fresh = SegmentCipher.forSegment(DATA_KEY, bytes(16, 20));
        byte[] first = encrypt(fresh, 0, false, bytes(64, 5));
        byte[] second = encrypt(fresh, 1, true, bytes(64, 6));
        assertThatThrownBy(() -> decrypt(fresh, 0, false, second)).isInstanceOf(ChunkAuthenticationException.class);
        assertThatThrownBy(() -> decrypt(fresh, 1, true, first)).isInstanceOf(ChunkAuthenticationException.class);
    }

    @Test
    void aSegmentCutAfterAChunkThatWasNotItsLastFailsSoTruncationIsDetected() {
        SegmentCipher cipher = SegmentCipher.forSegment(DATA_KEY, SEGMENT);
        byte[] notLast = encrypt(cipher, 3, false, bytes(64, 7));
        // a reader that believes chunk 3 is the end (the rest was cut off) asks for it as the last one
        assertThatThrownBy(() -> decrypt(cipher, 3, true, notLast)).isInstanceOf(ChunkAuthenticationException.class);
        byte[] last = encrypt(cipher, 4, true, bytes(64, 8));
        assertThatThrownBy(() -> decrypt(cipher, 4, false, last)).isInstanceOf(ChunkAuthenticationException.class);
    }

    @Test
    void aChunkTruncatedBelowItsTagIsRejectedNotMisread() {
        SegmentCipher cipher = SegmentCipher.forSegment(DATA_KEY, bytes(16, 21));
        byte[] sealed = encrypt(cipher, 0, true, bytes(64, 9));
        byte[] cut = Arrays.copyOf(sealed, 10);
        byte[] out = new byte[64];
        assertThatThrownBy(() -> cipher.decrypt(0, true, cut, 0, cut.length, out, 0))
                .isInstanceOf(ChunkAuthenticationException.class);
        byte[] shorter = Arrays.copyOf(sealed, sealed.length - 1);
        assertThatThrownBy(() -> cipher.decrypt(0, true, shorter, 0, shorter.length, out, 0))
                .isInstanceOf(ChunkAuthenticationException.class);
    }

    @Test
    void anotherSegmentOrAnotherDataKeyCannotReadIt() {
        byte[] sealed = encrypt(SegmentCipher.forSegment(DATA_KEY, SEGMENT), 0, true, bytes(64, 10));
        SegmentCipher otherSegment = SegmentCipher.forSegment(DATA_KEY, bytes(16, 11));
        SegmentCipher otherKey = SegmentCipher.forSegment(bytes(32, 12), SEGMENT);
        assertThatThrownBy(() -> decrypt(otherSegment, 0, true, sealed)).isInstanceOf(ChunkAuthenticationException.class);
        assertThatThrownBy(() -> decrypt(otherKey, 0, true, sealed)).isInstanceOf(ChunkAuthenticationException.class);
    }

    @Test
    void theSamePlaintextEncryptsDifferentlyInEverySegment() {
        byte[] plain = bytes(64, 13);
        byte[] a = encrypt(SegmentCipher.forSegment(DATA_KEY, bytes(16, 14)), 0, true, plain);
        byte[] b = encrypt(SegmentCipher.forSegment(DATA_KEY, bytes(16, 15)), 0, true, plain);
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void theSegmentKeyIsHkdfSha256OfTheDataKeySaltedWithTheSegmentId() throws Exception {
        // decrypting with a plain JCE cipher keyed by an independently derived key pins the construction
        byte[] key = Hkdf.derive(DATA_KEY, SEGMENT, SegmentCipher.KEY_INFO.getBytes(US_ASCII), 32);
        byte[] plain = bytes(40, 16);
        byte[] sealed = encrypt(SegmentCipher.forSegment(DATA_KEY, SEGMENT), 7, true, plain);
        javax.crypto.Cipher jce = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
        jce.init(javax.crypto.Cipher.DECRYPT_MODE, new javax.crypto.spec.SecretKeySpec(key, "AES"),
                new javax.crypto.spec.GCMParameterSpec(128, SegmentCipher.nonce(7)));
        jce.updateAAD(java.nio.ByteBuffer.allocate(25).put(SEGMENT).putLong(7).put((byte) 1).array());
        assertThat(jce.doFinal(sealed)).isEqualTo(plain);
    }

    @Test
    void itNeverPrintsItsKey() {
        assertThat(SegmentCipher.forSegment(DATA_KEY, SEGMENT).toString())
                .isEqualTo("SegmentCipher[" + HexFormat.of().formatHex(SEGMENT) + "]");
    }
}
