package io.qsctl.zstor.compress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qsctl.common.QsctlException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChunkCompressorTest {

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static byte[] text(int size) {
        byte[] line = "2026-11-23 12:00:00 INFO segment stored on backend data-07 in 12 ms\n"
                .getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = line[i % line.length];
        }
        return bytes;
    }

    @Test
    void randomDataIsStoredRaw() {
        try (ChunkCompressor compressor = new ChunkCompressor(1)) {
            for (int size : new int[] {100, 10_000, 256 * 1024 - 16}) {
                byte[] data = random(size);
                assertThat(compressor.compress(data, 0, size, new byte[size], 0)).as("size %d", size).isEqualTo(-1);
            }
        }
    }

    @Test
    void compressibleDataShrinksAndComesBackExactly() {
        try (ChunkCompressor compressor = new ChunkCompressor(3)) {
            byte[] data = text(256 * 1024 - 16);
            byte[] packed = new byte[data.length];
            int length = compressor.compress(data, 0, data.length, packed, 0);
            assertThat(length).isPositive().isLessThan(data.length / 10);
            byte[] back = new byte[data.length];
            ChunkCompressor.decompress(packed, 0, length, back, 0, data.length);
            assertThat(back).isEqualTo(data);
        }
    }

    @Test
    void dataThatCompressesOnlyAfterItsFirstBytesIsStoredRawBecauseTheProbeDecides() {
        // a documented trade-off: the first PROBE bytes speak for the chunk
        byte[] data = new byte[8 * ChunkCompressor.PROBE];
        System.arraycopy(random(ChunkCompressor.PROBE), 0, data, 0, ChunkCompressor.PROBE);
        try (ChunkCompressor compressor = new ChunkCompressor(1)) {
            assertThat(compressor.compress(data, 0, data.length, new byte[data.length], 0)).isEqualTo(-1);
        }
    }

    @Test
    void levelZeroNeverCompresses() {
        try (ChunkCompressor compressor = new ChunkCompressor(0)) {
            byte[] data = text(10_000);
            assertThat(compressor.enabled()).isFalse();
            assertThat(compressor.compress(data, 0, data.length, new byte[data.length], 0)).isEqualTo(-1);
        }
    }

    @Test
    void aChunkThatDoesNotDecompressToItsRecordedSizeIsAnError() {
        try (ChunkCompressor compressor = new ChunkCompressor(1)) {
            byte[] data = text(10_000);
            byte[] packed = new byte[data.length];
            int length = compressor.compress(data, 0, data.length, packed, 0);
            assertThatThrownBy(() -> ChunkCompressor.decompress(packed, 0, length, new byte[20_000], 0, 9_999))
                    .isInstanceOf(QsctlException.class)
                    .hasMessageContaining("did not decompress to its recorded size");
        }
    }

    @Test
    void aClosedCompressorRefusesWork() {
        ChunkCompressor compressor = new ChunkCompressor(1);
        compressor.close();
        byte[] data = text(1000);
        assertThatThrownBy(() -> compressor.compress(data, 0, data.length, new byte[1000], 0))
                .isInstanceOf(IllegalStateException.class);
    }
}
