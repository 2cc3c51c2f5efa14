package io.qsctl.zdb.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
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

    @Property(tries = 300)
    void matchesTheReferenceForAnyBytes(@ForAll @Size(max = 5000) byte[] data) {
        assertThat(ZdbCrc32c.of(data)).isEqualTo(reference(data));
        assertThat(ZdbCrc32c.of(ByteBuffer.wrap(data))).isEqualTo(reference(data));
    }

    @Test
    void largeInputsUseTheSameCorrection() {
        byte[] big = new byte[(8 << 20) + 13];
        new java.util.Random(7).nextBytes(big);
        assertThat(ZdbCrc32c.of(big)).isEqualTo(reference(big));
        assertThat(ZdbCrc32c.of(big, 5, 1000)).isEqualTo(reference(java.util.Arrays.copyOfRange(big, 5, 1005)));
    }
}
