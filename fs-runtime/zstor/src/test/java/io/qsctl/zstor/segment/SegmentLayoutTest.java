package io.qsctl.zstor.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SegmentLayoutTest {

    @Test
    void aStripesCiphertextAlwaysFitsItsShardsSoNoShardChunkExceedsTheChunkSize() {
        Random random = new Random(1);
        for (int i = 0; i < 300; i++) {
            int data = 1 + random.nextInt(64);
            int parity = random.nextInt(17);
            int shardChunk = (64 + random.nextInt(8192 - 64 + 1)) * 1024;
            SegmentLayout layout = SegmentLayout.of(data, parity, shardChunk);
            long worstCase = (long) layout.chunksPerStripe() * layout.cryptoChunkSize();
            assertThat(worstCase).as("%s", layout).isLessThanOrEqualTo(layout.stripeCapacity());
            assertThat(layout.shardLength((int) worstCase)).as("%s", layout).isLessThanOrEqualTo(layout.shardChunkSize());
            assertThat(layout.chunksPerStripe()).isPositive();
        }
    }

    @Test
    void chunksCoverTheSegmentExactlyOnce() {
        Random random = new Random(2);
        for (int i = 0; i < 300; i++) {
            long size = i < 5 ? i : random.nextLong(1L << 34);
            SegmentLayout layout = SegmentLayout.of(1 + random.nextInt(20), 2, 1024 * 1024);
            long chunks = layout.chunkCount(size);
            long last = chunks - 1;
            long covered = last * layout.chunkPlainSize() + layout.chunkPlainLength(last, size);
            assertThat(covered).as("size %d, %s", size, layout).isEqualTo(size);
            assertThat(layout.chunkPlainLength(chunks, size)).isZero();
            assertThat((long) layout.stripeCount(size) * layout.chunksPerStripe()).isGreaterThanOrEqualTo(chunks);
            assertThat((long) (layout.stripeCount(size) - 1) * layout.chunksPerStripe()).isLessThan(chunks);
        }
    }

    @Test
    void theDefaultLayoutFor16Plus4Has64ChunksOf256KiBPerStripe() {
        SegmentLayout layout = SegmentLayout.of(16, 4, 1024 * 1024);
        assertThat(layout.cryptoChunkSize()).isEqualTo(256 * 1024);
        assertThat(layout.chunksPerStripe()).isEqualTo(64);
        assertThat(layout.stripePlainSize()).isEqualTo(64 * (256 * 1024 - 16));
        assertThat(layout.stripeCount(0)).isEqualTo(1);
        assertThat(layout.chunkCount(0)).isEqualTo(1);
    }

    @Test
    void shardChunksOutside64KiBTo8MiBAreRefused() {
        assertThatThrownBy(() -> SegmentLayout.of(4, 2, 32 * 1024)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SegmentLayout.of(4, 2, 8 * 1024 * 1024 + 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SegmentLayout.of(200, 56, 1 << 20)).isInstanceOf(IllegalArgumentException.class);
    }
}
