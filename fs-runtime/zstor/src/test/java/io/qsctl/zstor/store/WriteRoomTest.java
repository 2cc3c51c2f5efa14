package io.qsctl.zstor.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.qsctl.zstor.codec.GfKernels;
import io.qsctl.zstor.codec.ReedSolomon;
import io.qsctl.zstor.compress.ChunkCompressor;
import io.qsctl.zstor.crypto.SegmentCipher;
import io.qsctl.zstor.segment.SegmentId;
import io.qsctl.zstor.segment.SegmentLayout;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The arithmetic of free space: what a segment puts on each backend (checked against the encoder
 * itself), the largest object that fits, and the exact size after compression.
 */
class WriteRoomTest {

    private static final byte[] DATA_KEY = new byte[32];
    private static final int SMALL_SHARD = 64 * 1024;

    /** What the encoder really puts on one backend for {@code plain}: the sum of one shard chunk per stripe. */
    private static long encodedPerBackend(SegmentLayout layout, byte[] plain, int level) {
        SegmentId id = SegmentId.random();
        StripeEncoder encoder = new StripeEncoder(layout, new ChunkCompressor(level),
                ReedSolomon.create(layout.dataShards(), layout.parityShards(), GfKernels.scalar()));
        SegmentCipher cipher = SegmentCipher.forSegment(DATA_KEY, id.bytes());
        int count = layout.stripeCount(plain.length);
        long total = 0;
        for (int s = 0; s < count; s++) {
            List<byte[]> chunks = new ArrayList<>();
            long first = (long) s * layout.chunksPerStripe();
            for (long c = first; c < Math.min(first + layout.chunksPerStripe(), layout.chunkCount(plain.length)); c++) {
                int from = (int) (c * layout.chunkPlainSize());
                chunks.add(Arrays.copyOfRange(plain, from, from + layout.chunkPlainLength(c, plain.length)));
            }
            byte[][] shards = encoder.encode(id, cipher, s, chunks, s == count - 1).shards();
            for (byte[] shard : shards) {
                assertThat(shard).hasSize(shards[0].length);
            }
            total += shards[0].length;
        }
        return total;
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @Test
    void theSizeWithoutCompressionIsExactlyWhatTheEncoderStoresForDataThatDoesNotCompress() {
        Random random = new Random(7);
        for (int i = 0; i < 60; i++) {
            SegmentLayout layout = SegmentLayout.of(1 + random.nextInt(8), 1 + random.nextInt(3), SMALL_SHARD);
            int size = i < 4 ? i * 7 : random.nextInt(3 * layout.stripePlainSize() + 10);
            byte[] plain = random(size, i);
            assertThat(layout.storedShardBytes(size)).as("%d bytes, %s", size, layout)
                    .isEqualTo(encodedPerBackend(layout, plain, 1));
        }
    }

    @Test
    void theLargestObjectWithinARoomFitsAndOneByteMoreDoesNot() {
        SegmentLayout layout = SegmentLayout.of(4, 2, SMALL_SHARD);
        Random random = new Random(3);
        for (int i = 0; i < 200; i++) {
            long room = i < 3 ? i * 13 : random.nextLong(1L << 40);
            long largest = layout.largestWithin(room);
            if (largest < 0) {
                assertThat(layout.storedShardBytes(0)).isGreaterThan(room);
                continue;
            }
            assertThat(layout.storedShardBytes(largest)).isLessThanOrEqualTo(room);
            assertThat(layout.storedShardBytes(largest + 1)).isGreaterThan(room);
        }
    }

    @Test
    void oneObjectNeedsAsManyBackendsWithRoomAsAWriteNeedsShards() {
        SegmentLayout layout = SegmentLayout.of(4, 2, SMALL_SHARD);
        // 4+2, writes need 5 shards: the 5th emptiest backend decides
        WriteRoom room = new WriteRoom(layout, 5, List.of(900_000L, 100L, 1_000_000L, 800_000L, 700_000L, 600_000L));
        assertThat(room.perBackendForOneObject()).isEqualTo(600_000L);
        assertThat(room.largestObject()).isEqualTo(layout.largestWithin(600_000L));
        assertThat(room.fitsUncompressed(room.largestObject())).isTrue();
        assertThat(room.fitsUncompressed(room.largestObject() + 1)).isFalse();

        WriteRoom tooFew = new WriteRoom(layout, 5, List.of(1_000_000L, 1_000_000L, 1_000_000L, 1_000_000L));
        assertThat(tooFew.perBackendForOneObject()).isZero();
        assertThat(tooFew.largestObject()).isZero();
        assertThat(tooFew.usableBytes()).isZero();
    }

    @Test
    void manyObjectsSpreadOverMoreBackendsThanShardsCanUseTheirSpaceTogether() {
        SegmentLayout layout = SegmentLayout.of(4, 2, SMALL_SHARD);
        long gib = 1L << 30;
        // twelve backends of 1 GiB, six shards per object: about twice the room of six backends
        WriteRoom twelve = new WriteRoom(layout, 5, java.util.Collections.nCopies(12, gib));
        WriteRoom six = new WriteRoom(layout, 5, java.util.Collections.nCopies(6, gib));
        assertThat(six.usableBytes()).isEqualTo(six.largestObject()).isEqualTo(layout.largestWithin(gib));
        assertThat(twelve.largestObject()).isEqualTo(six.largestObject());
        assertThat(twelve.usableBytes()).isEqualTo(layout.largestWithin(2 * gib));
        // one nearly full backend among twelve costs little; among six it limits every object
        List<Long> oneFull = new ArrayList<>(java.util.Collections.nCopies(11, gib));
        oneFull.add(1L << 20);
        assertThat(new WriteRoom(layout, 5, oneFull).usableBytes()).isGreaterThan(six.usableBytes())
                .isLessThan(twelve.usableBytes());
    }

    @Test
    void theSizerCountsExactlyWhatTheEncoderStoresOnceCompressed() throws IOException {
        SegmentLayout layout = SegmentLayout.of(4, 2, SMALL_SHARD);
        byte[] plain = new byte[5 * layout.stripePlainSize() + 1234];
        Random random = new Random(11);
        for (int i = 0; i < plain.length; i++) {
            plain[i] = (byte) ('a' + random.nextInt(3));
        }
        long exact = encodedPerBackend(layout, plain, 1);
        assertThat(exact).isLessThan(layout.storedShardBytes(plain.length) / 2);
        SegmentSizer sizer = new SegmentSizer(layout, new ChunkCompressor(1));

        assertThat(sizer.measure(new ByteArrayInputStream(plain), -1, exact))
                .isEqualTo(new SegmentSizer.Sizing(true, exact));
        SegmentSizer.Sizing tooBig = sizer.measure(new ByteArrayInputStream(plain), plain.length, exact - 1);
        assertThat(tooBig.fits()).isFalse();
        assertThat(tooBig.perBackend()).isGreaterThan(exact - 1);
    }

    @Test
    void theSizerStopsReadingAsSoonAsTheAnswerIsCertain() throws IOException {
        SegmentLayout layout = SegmentLayout.of(4, 2, SMALL_SHARD);
        byte[] plain = random(20 * layout.stripePlainSize(), 5);
        SegmentSizer sizer = new SegmentSizer(layout, new ChunkCompressor(1));

        ByteArrayInputStream tooBig = new ByteArrayInputStream(plain);
        assertThat(sizer.measure(tooBig, plain.length, 3L * SMALL_SHARD).fits()).isFalse();
        assertThat(tooBig.available()).as("unread after 4 of 20 stripes").isGreaterThan(15 * layout.stripePlainSize());

        ByteArrayInputStream roomy = new ByteArrayInputStream(plain);
        assertThat(sizer.measure(roomy, plain.length, layout.storedShardBytes(plain.length) + SMALL_SHARD).fits())
                .isTrue();
        assertThat(roomy.available()).as("the rest fits even uncompressed after the first stripe")
                .isGreaterThan(18 * layout.stripePlainSize());
    }
}
