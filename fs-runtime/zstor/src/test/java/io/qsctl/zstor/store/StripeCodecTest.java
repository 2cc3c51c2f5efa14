package io.qsctl.zstor.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qsctl.zstor.codec.GfKernels;
import io.qsctl.zstor.codec.ReedSolomon;
import io.qsctl.zstor.compress.ChunkCompressor;
import io.qsctl.zstor.crypto.ChunkAuthenticationException;
import io.qsctl.zstor.crypto.Checksums;
import io.qsctl.zstor.crypto.SegmentCipher;
import io.qsctl.zstor.segment.ChunkHeader;
import io.qsctl.zstor.segment.KeyMode;
import io.qsctl.zstor.segment.SegmentId;
import io.qsctl.zstor.segment.SegmentLayout;
import io.qsctl.zstor.segment.SegmentRecord;
import io.qsctl.zstor.segment.ShardChunk;
import io.qsctl.zstor.segment.Stripe;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The encode and decode halves of the pipeline, without any backend: stripes in memory. */
class StripeCodecTest {

    private static final byte[] DATA_KEY = new byte[32];

    private static byte[] data(int size, long seed, boolean compressible) {
        byte[] bytes = new byte[size];
        Random random = new Random(seed);
        if (compressible) {
            for (int i = 0; i < size; i++) {
                bytes[i] = (byte) ('a' + random.nextInt(4));
            }
        } else {
            random.nextBytes(bytes);
        }
        return bytes;
    }

    /** Encodes {@code plain} into stripes and a record naming backends b0.., all written. */
    private static Encoded encode(SegmentLayout layout, byte[] plain, int level) {
        SegmentId id = SegmentId.random();
        SegmentCipher cipher = SegmentCipher.forSegment(DATA_KEY, id.bytes());
        ReedSolomon rs = ReedSolomon.create(layout.dataShards(), layout.parityShards(), GfKernels.scalar());
        StripeEncoder encoder = new StripeEncoder(layout, new ChunkCompressor(level), rs);
        List<Stripe> stripes = new ArrayList<>();
        List<byte[][]> shards = new ArrayList<>();
        int count = layout.stripeCount(plain.length);
        for (int s = 0; s < count; s++) {
            List<byte[]> plainChunks = new ArrayList<>();
            long first = (long) s * layout.chunksPerStripe();
            for (long c = first; c < Math.min(first + layout.chunksPerStripe(), layout.chunkCount(plain.length)); c++) {
                int from = (int) (c * layout.chunkPlainSize());
                plainChunks.add(Arrays.copyOfRange(plain, from, from + layout.chunkPlainLength(c, plain.length)));
            }
            EncodedStripe encoded = encoder.encode(id, cipher, s, plainChunks, s == count - 1);
            List<ShardChunk> chunks = new ArrayList<>();
            for (int i = 0; i < layout.totalShards(); i++) {
                chunks.add(ShardChunk.written("b" + i, new byte[] {(byte) i}, Checksums.chunk(encoded.shards()[i])));
            }
            stripes.add(new Stripe(encoded.payloadLength(), encoded.chunks(), chunks));
            shards.add(encoded.shards());
        }
        SegmentRecord record = new SegmentRecord(id, layout, ReedSolomon.MATRIX_ID, SegmentCipher.ALGORITHM_ID, "zstd",
                Checksums.SEGMENT_ALGORITHM, plain.length, Checksums.sha256().digest(plain), Checksums.CHUNK_ALGORITHM,
                KeyMode.SEQ, 0, stripes);
        return new Encoded(record, cipher, rs, shards);
    }

    private record Encoded(SegmentRecord record, SegmentCipher cipher, ReedSolomon rs, List<byte[][]> shards) {
    }

    /** Decodes with the shards in {@code lost} erased from every stripe. */
    private static byte[] decode(Encoded encoded, int... lost) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SegmentLayout layout = encoded.record().layout();
        for (int s = 0; s < encoded.shards().size(); s++) {
            byte[][] shards = new byte[layout.totalShards()][];
            boolean[] present = new boolean[layout.totalShards()];
            int length = encoded.shards().get(s)[0].length - ChunkHeader.LENGTH;
            for (int i = 0; i < shards.length; i++) {
                int shard = i;
                present[i] = Arrays.stream(lost).noneMatch(l -> l == shard);
                shards[i] = present[i] ? encoded.shards().get(s)[i].clone() : new byte[ChunkHeader.LENGTH + length];
            }
            encoded.rs().reconstructData(shards, present, ChunkHeader.LENGTH, length);
            StripeDecoder.decode(encoded.record(), encoded.cipher(), s, shards).forEach(out::writeBytes);
        }
        return out.toByteArray();
    }

    @Test
    void whatIsEncodedDecodesBackWithAnyParityCountOfShardsLost() {
        Random random = new Random(4);
        for (int i = 0; i < 25; i++) {
            int size = i == 0 ? 0 : random.nextInt(700_000);
            int data = 1 + random.nextInt(8);
            int parity = random.nextInt(5);
            SegmentLayout layout = SegmentLayout.of(data, parity, 64 * 1024);
            byte[] plain = data(size, random.nextLong(), random.nextBoolean());
            Encoded encoded = encode(layout, plain, 1);
            int[] lost = random.ints(0, data + parity).distinct().limit(parity).toArray();
            assertThat(decode(encoded, lost)).as("%d bytes, %s, lost %s", size, layout, Arrays.toString(lost))
                    .isEqualTo(plain);
        }
    }

    @Test
    void compressibleChunksAreStoredCompressedAndRandomOnesRaw() {
        SegmentLayout layout = SegmentLayout.of(4, 2, 64 * 1024);
        Encoded text = encode(layout, data(200_000, 1, true), 1);
        Encoded noise = encode(layout, data(200_000, 2, false), 1);
        assertThat(text.record().stripes()).allSatisfy(s -> assertThat(s.chunks()).allMatch(c -> c.compressed()));
        assertThat(noise.record().stripes()).allSatisfy(s -> assertThat(s.chunks()).noneMatch(c -> c.compressed()));
        long textStored = text.record().stripes().stream().mapToLong(Stripe::payloadLength).sum();
        assertThat(textStored).isLessThan(200_000 / 2);
    }

    @Test
    void everyShardChunkNamesItselfInItsHeader() {
        SegmentLayout layout = SegmentLayout.of(4, 2, 64 * 1024);
        Encoded encoded = encode(layout, data(500_000, 5, false), 1);
        for (int s = 0; s < encoded.shards().size(); s++) {
            for (int i = 0; i < 6; i++) {
                byte[] chunk = encoded.shards().get(s)[i];
                assertThat(ChunkHeader.matches(chunk, encoded.record().id(), s, i)).isTrue();
                assertThat(ChunkHeader.matches(chunk, encoded.record().id(), s, (i + 1) % 6)).isFalse();
                assertThat(ChunkHeader.matches(chunk, SegmentId.random(), s, i)).isFalse();
            }
        }
    }

    @Test
    void anEmptySegmentIsOneStripeWithOneAuthenticatedChunk() {
        SegmentLayout layout = SegmentLayout.of(4, 2, 64 * 1024);
        Encoded empty = encode(layout, new byte[0], 1);
        assertThat(empty.record().stripes()).hasSize(1);
        assertThat(empty.record().stripes().get(0).payloadLength()).isEqualTo(16);
        assertThat(decode(empty)).isEmpty();
    }

    @Test
    void aStripeDecodedAsAnotherStripeFailsAuthentication() {
        SegmentLayout layout = SegmentLayout.of(2, 1, 64 * 1024);
        byte[] plain = data(3 * layout.stripePlainSize(), 3, false);
        Encoded encoded = encode(layout, plain, 0);
        byte[][] first = encoded.shards().get(0);
        assertThatThrownBy(() -> StripeDecoder.decode(encoded.record(), encoded.cipher(), 1, first))
                .isInstanceOf(ChunkAuthenticationException.class);
    }
}
