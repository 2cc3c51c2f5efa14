package io.qsctl.zstor.meta;

import io.qsctl.testing.RandomCases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetaShardCodecTest {

    private static final MetaQuorum FOUR = MetaQuorum.forBackends(4);
    private final MetaKeys keys = MetaKeys.derive(RecordCipherTest.key(1));
    private final MetaShardCodec codec = new MetaShardCodec(keys, FOUR);

    private static MetaShard liveShard() {
        byte[] body = new byte[20];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 7 + 3);
        }
        return new MetaShard(1, 4, 2, 1_717_000_000_123L, false, 40, body);
    }

    @Test
    void aShardReadsBackAsItWasWritten() {
        byte[] bytes = codec.encode("0af3", liveShard());

        assertThat(bytes).hasSize(MetaShardCodec.HEADER_BYTES + 20);
        assertThat(Arrays.copyOf(bytes, 4)).isEqualTo(new byte[] {'Q', 'S', 'M', 'S'});
        assertThat(codec.decode("0af3", bytes)).isEqualTo(new SlotContent.Valid(liveShard()));
    }

    @Test
    void aTombstoneHasAHeaderAndNoBody() {
        MetaShard tombstone = new MetaShard(3, 4, 2, 99, true, 0, new byte[0]);
        byte[] bytes = codec.encode("0af3", tombstone);

        assertThat(bytes).hasSize(MetaShardCodec.HEADER_BYTES);
        assertThat(codec.decode("0af3", bytes)).isEqualTo(new SlotContent.Valid(tombstone));
    }

    @Test
    void aChangeToAnySingleBitOfAnyFieldIsRejected() {
        byte[] original = codec.encode("0af3", liveShard());
        for (int position = 0; position < original.length; position++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] damaged = original.clone();
                damaged[position] ^= (byte) (1 << bit);
                assertThat(codec.decode("0af3", damaged)).as("byte %d bit %d", position, bit)
                        .isInstanceOf(SlotContent.Invalid.class);
            }
        }
    }

    /** A change to one byte of a field, and the defect it must be reported as. */
    private record Damage(int position, int mask, ShardDefect defect) {
    }

    @Test
    void eachHeaderFieldNamesTheDefectItCauses() {
        byte[] original = codec.encode("0af3", liveShard());
        List<Damage> damages = List.of(
                new Damage(0, 0x80, ShardDefect.NOT_A_META_SHARD),   // magic
                new Damage(4, 0x80, ShardDefect.UNSUPPORTED_VERSION), // format version
                new Damage(5, 0x02, ShardDefect.BAD_HEADER),          // flags: an unknown bit
                new Damage(6, 0x80, ShardDefect.BAD_HEADER),          // index 1 -> 129, past the count
                new Damage(6, 0x02, ShardDefect.BAD_TAG),             // index 1 -> 3, plausible but not authentic
                new Damage(7, 0x01, ShardDefect.BAD_TAG),             // count 4 -> 5, plausible
                new Damage(8, 0x01, ShardDefect.BAD_LENGTH),          // data count 2 -> 3: a 14-byte body expected
                new Damage(9, 0x80, ShardDefect.BAD_HEADER),          // generation turns negative
                new Damage(16, 0x01, ShardDefect.BAD_TAG),            // generation off by one
                new Damage(19, 0x01, ShardDefect.TRUNCATED),          // payload length 40 -> 296: longer body expected
                new Damage(20, 0x08, ShardDefect.BAD_LENGTH),         // payload length 40 -> 32: shorter body expected
                new Damage(21, 0x80, ShardDefect.FOREIGN_KEY),        // key id
                new Damage(29, 0x80, ShardDefect.BAD_TAG),            // tag
                new Damage(45, 0x80, ShardDefect.BAD_TAG));           // body
        for (Damage damage : damages) {
            byte[] damaged = original.clone();
            damaged[damage.position()] ^= (byte) damage.mask();
            assertThat(codec.decode("0af3", damaged)).as("byte %d ^ %x", damage.position(), damage.mask())
                    .isEqualTo(new SlotContent.Invalid(damage.defect()));
        }
    }

    @Test
    void dataCountAboveShardCountOrIndexPastCountIsAnInconsistentHeader() {
        byte[] original = codec.encode("0af3", liveShard());
        byte[] dataAboveCount = original.clone();
        dataAboveCount[8] = 5;
        byte[] indexPastCount = original.clone();
        indexPastCount[6] = 4;
        byte[] tombstoneWithPayload = original.clone();
        tombstoneWithPayload[5] = 1;

        assertThat(codec.decode("0af3", dataAboveCount)).isEqualTo(new SlotContent.Invalid(ShardDefect.BAD_HEADER));
        assertThat(codec.decode("0af3", indexPastCount)).isEqualTo(new SlotContent.Invalid(ShardDefect.BAD_HEADER));
        assertThat(codec.decode("0af3", tombstoneWithPayload)).isEqualTo(new SlotContent.Invalid(ShardDefect.BAD_HEADER));
    }

    @Test
    void cutOrExtendedValuesAreRejected() {
        byte[] original = codec.encode("0af3", liveShard());

        assertThat(codec.decode("0af3", Arrays.copyOf(original, original.length - 1)))
                .isEqualTo(new SlotContent.Invalid(ShardDefect.TRUNCATED));
        assertThat(codec.decode("0af3", Arrays.copyOf(original, 30))).isEqualTo(new SlotContent.Invalid(ShardDefect.TRUNCATED));
        assertThat(codec.decode("0af3", Arrays.copyOf(original, original.length + 1)))
                .isEqualTo(new SlotContent.Invalid(ShardDefect.BAD_LENGTH));
        assertThat(codec.decode("0af3", new byte[0])).isEqualTo(new SlotContent.Invalid(ShardDefect.TRUNCATED));
        assertThat(codec.decode("0af3", "hello, this is not a shard at all".getBytes()))
                .isEqualTo(new SlotContent.Invalid(ShardDefect.NOT_A_META_SHARD));
    }

    @Test
    void aShardMovedToAnotherRecordIdFailsItsTag() {
        byte[] bytes = codec.encode("0af3", liveShard());

        assertThat(codec.decode("0af4", bytes)).isEqualTo(new SlotContent.Invalid(ShardDefect.BAD_TAG));
    }

    @Test
    void aShardOfAnotherMetadataKeyIsNamedAsSuch() {
        MetaShardCodec other = new MetaShardCodec(MetaKeys.derive(RecordCipherTest.key(2)), FOUR);

        assertThat(other.decode("0af3", codec.encode("0af3", liveShard())))
                .isEqualTo(new SlotContent.Invalid(ShardDefect.FOREIGN_KEY));
    }

    @Test
    void anAuthenticShardCodedForAnotherBackendCountIsALayoutMismatch() {
        MetaShardCodec sixBackends = new MetaShardCodec(keys, MetaQuorum.forBackends(6));

        assertThat(sixBackends.decode("0af3", codec.encode("0af3", liveShard())))
                .isEqualTo(new SlotContent.Invalid(ShardDefect.LAYOUT_MISMATCH));
    }

    /**
     * 200 shards: index 0 to 3, generation 1 to MAX_VALUE, a body of 15 to 300 bytes carrying a
     * payload of twice its length less one or less nothing. The first cases are the corners: each
     * index with generation 1 or MAX_VALUE and a body of 15 or 300 bytes.
     */
    @Test
    void anyWellFormedShardRoundTrips() {
        RandomCases.check("anyWellFormedShardRoundTrips", 200, (random, i) -> {
            int index;
            long generation;
            byte[] body;
            if (i < 16) {
                index = i % 4;
                generation = i / 4 % 2 == 0 ? 1 : Long.MAX_VALUE;
                body = new byte[i / 8 == 0 ? 15 : 300];
                random.nextBytes(body);
            } else {
                index = RandomCases.between(random, 0, 3);
                generation = RandomCases.between(random, 1, Long.MAX_VALUE);
                body = RandomCases.bytes(random, 15, 300);
            }
            int payloadLength = body.length * 2 - (random.nextBoolean() ? 1 : 0);
            MetaShard shard = new MetaShard(index, 4, 2, generation, false, payloadLength, body);

            assertThat(codec.decode("ff", codec.encode("ff", shard))).as("%s", shard)
                    .isEqualTo(new SlotContent.Valid(shard));
        });
    }
}
