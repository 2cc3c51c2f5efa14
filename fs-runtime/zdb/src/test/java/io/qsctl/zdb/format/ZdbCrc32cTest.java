package io.qsctl.zdb.format;

import io.qsctl.testing.RandomCases;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ZdbCrc32cTest {

    /** The plain byte-at-a-time definition 0-db's software path uses: start at 0, no final inversion. */
    static int reference(byte[] data) {
        int crc = 0;
        for (byte b : data) {
            crc ^= b & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x82F63B78 : crc >>> 1;
            }
        }
        return crc;
    }

    @Test
    void isNotTheStandardCrc32cButItsZeroStartedVariant() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(ZdbCrc32c.of(check)).isEqualTo(reference(check));
        java.util.zip.CRC32C standard = new java.util.zip.CRC32C();
        standard.update(check);
        assertThat(standard.getValue()).isEqualTo(0xE3069283L);
        assertThat(ZdbCrc32c.of(check)).isNotEqualTo((int) standard.getValue());
    }

    @Test
    void theEmptyInputHasChecksumZero() {
        assertThat(ZdbCrc32c.of(new byte[0])).isZero();
    }

    /**
     * 300 arrays of 0 to 5000 bytes. The correction depends on the length's bits, so the first cases
     * are the lengths 0 to 17 and both sides of each power of two up to 4096, and 4999 and 5000.
     */
    @Test
    void matchesTheReferenceForAnyBytes() {
        int[] lengths = new int[18 + 3 * 8 + 2];
        int n = 0;
        for (int length = 0; length <= 17; length++) {
            lengths[n++] = length;
        }
        for (int power = 32; power <= 4096; power <<= 1) {
            lengths[n++] = power - 1;
            lengths[n++] = power;
            lengths[n++] = power + 1;
        }
        lengths[n++] = 4999;
        lengths[n] = 5000;
        RandomCases.check("matchesTheReferenceForAnyBytes", 300, (random, i) -> {
            byte[] data;
            if (i < lengths.length) {
                data = new byte[lengths[i]];
                random.nextBytes(data);
            } else {
                data = RandomCases.bytes(random, 0, 5000);
            }
            int expected = reference(data);
            assertThat(ZdbCrc32c.of(data)).as("%d bytes", data.length).isEqualTo(expected);
            assertThat(ZdbCrc32c.of(ByteBuffer.wrap(data))).as("%d bytes in a buffer", data.length).isEqualTo(expected);

            int from = data.length == 0 ? 0 : random.nextInt(data.length + 1);
            int to = from + random.nextInt(data.length - from + 1);
            int slice = reference(Arrays.copyOfRange(data, from, to));
            assertThat(ZdbCrc32c.of(data, from, to - from)).as("bytes %d to %d", from, to).isEqualTo(slice);
            ByteBuffer direct = ByteBuffer.allocateDirect(data.length).put(data).position(from).limit(to);
            assertThat(ZdbCrc32c.of(direct)).as("bytes %d to %d of a direct buffer", from, to).isEqualTo(slice);
            assertThat(direct.position()).isEqualTo(from);
        });
    }

    @Test
    void largeInputsUseTheSameCorrection() {
        byte[] big = new byte[(8 << 20) + 13];
        new java.util.Random(7).nextBytes(big);
        assertThat(ZdbCrc32c.of(big)).isEqualTo(reference(big));
        assertThat(ZdbCrc32c.of(big, 5, 1000)).isEqualTo(reference(java.util.Arrays.copyOfRange(big, 5, 1005)));
    }
}
