package io.qsctl.zstor.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SegmentRecordCodecTest {

    /** A record of {@code size} bytes over backends {@code b0..b(total-1)}, some chunks missing. */
    static SegmentRecord record(long size, int data, int parity, KeyMode mode, long seed) {
        return record(size, data, parity, 64 * 1024, mode, seed);
    }

    static SegmentRecord record(long size, int data, int parity, int shardChunk, KeyMode mode, long seed) {
        Random random = new Random(seed);
        SegmentLayout layout = SegmentLayout.of(data, parity, shardChunk);
        byte[] id = new byte[16];
        random.nextBytes(id);
        List<Stripe> stripes = new ArrayList<>();
        long chunk = 0;
        long chunks = layout.chunkCount(size);
        for (int s = 0; s < layout.stripeCount(size); s++) {
            List<ChunkEntry> entries = new ArrayList<>();
            int payload = 0;
            for (int c = 0; c < layout.chunksPerStripe() && chunk < chunks; c++, chunk++) {
                int plain = layout.chunkPlainLength(chunk, size);
                boolean compressed = random.nextBoolean() && plain > 100;
                int stored = (compressed ? plain / 2 : plain) + 16;
                entries.add(new ChunkEntry(stored, compressed));
                payload += stored;
            }
            List<ShardChunk> shards = new ArrayList<>();
            for (int i = 0; i < data + parity; i++) {
                byte[] checksum = new byte[16];
                random.nextBytes(checksum);
                String backend = "b" + ((i + s) % (data + parity + 1));
                if (random.nextInt(10) == 0) {
                    shards.add(ShardChunk.missing(backend, checksum));
                } else {
                    byte[] key = mode == KeyMode.SEQ ? new byte[8] : ("k/" + s + "/" + i).getBytes();
                    random.nextBytes(mode == KeyMode.SEQ ? key : new byte[0]);
                    shards.add(ShardChunk.written(backend, key, checksum));
                }
            }
            stripes.add(new Stripe(payload, entries, shards));
        }
        byte[] checksum = new byte[32];
        random.nextBytes(checksum);
        return new SegmentRecord(SegmentId.of(id), layout, "gf256-11d-vandermonde-systematic", "aes-256-gcm/hkdf-sha256/v1",
                "zstd", "sha-256", size, checksum, "sha-256/128", mode, 1_700_000_000_000L + seed, stripes);
    }

    @Test
    void aRecordReadsBackEqual() {
        Random random = new Random(3);
        for (int i = 0; i < 60; i++) {
            long size = i == 0 ? 0 : random.nextLong(40_000_000);
            SegmentRecord record = record(size, 1 + random.nextInt(20), random.nextInt(9),
                    random.nextBoolean() ? KeyMode.USER : KeyMode.SEQ, random.nextLong());
            byte[] bytes = SegmentRecordCodec.encode(record);
            SegmentRecord back = SegmentRecordCodec.decode(bytes, record.id());
            assertThat(back).isEqualTo(record);
            assertThat(SegmentRecordCodec.encode(back)).isEqualTo(bytes);
        }
    }

    @Test
    void everySingleFlippedByteIsRefused() {
        SegmentRecord record = record(3_000_000, 4, 2, KeyMode.SEQ, 1);
        byte[] bytes = SegmentRecordCodec.encode(record);
        for (int i = 0; i < bytes.length; i++) {
            byte[] damaged = bytes.clone();
            damaged[i] ^= 0x01;
            assertThatThrownBy(() -> SegmentRecordCodec.decode(damaged, record.id()))
                    .as("byte %d", i)
                    .isInstanceOf(MetadataFormatException.class);
        }
    }

    @Test
    void aTruncatedRecordIsRefused() {
        SegmentRecord record = record(1_000_000, 4, 2, KeyMode.SEQ, 2);
        byte[] bytes = SegmentRecordCodec.encode(record);
        for (int length : new int[] {0, 3, 8, bytes.length / 2, bytes.length - 1}) {
            assertThatThrownBy(() -> SegmentRecordCodec.decode(Arrays.copyOf(bytes, length), record.id()))
                    .isInstanceOf(MetadataFormatException.class)
                    .hasMessageContaining("segment " + record.id());
        }
    }

    @Test
    void anUnknownVersionIsRefusedWithAMessageSayingSo() {
        SegmentRecord record = record(1000, 4, 2, KeyMode.SEQ, 3);
        byte[] bytes = SegmentRecordCodec.encode(record);
        bytes[4] = 2;
        assertThatThrownBy(() -> SegmentRecordCodec.decode(bytes, record.id()))
                .isInstanceOf(MetadataFormatException.class)
                .hasMessageContaining("format version 2; this qsctl reads version 1 (written by a newer qsctl: upgrade)");
    }

    @Test
    void aRecordFiledUnderAnotherIdIsRefused() {
        SegmentRecord record = record(1000, 4, 2, KeyMode.SEQ, 4);
        byte[] bytes = SegmentRecordCodec.encode(record);
        SegmentId other = SegmentId.random();
        assertThatThrownBy(() -> SegmentRecordCodec.decode(bytes, other))
                .isInstanceOf(MetadataFormatException.class)
                .hasMessageContaining("describes segment " + record.id());
    }

    @Test
    void recordsAreSmall() {
        // 1 GiB in 16+4: 65 stripes of about 16 MiB; well under a kilobyte per stripe
        SegmentLayout layout = SegmentLayout.of(16, 4, 1024 * 1024);
        long size = 1L << 30;
        SegmentRecord record = record(size, 16, 4, 1024 * 1024, KeyMode.SEQ, 5);
        assertThat(layout.stripeCount(size)).isGreaterThan(60);
        assertThat(SegmentRecordCodec.encode(record).length / record.stripes().size()).isLessThan(1000);
    }
}
