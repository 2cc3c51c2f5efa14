package io.qsctl.zstor.meta;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SlotsTest {

    private static SlotContent shard(int index, long generation) {
        return new SlotContent.Valid(new MetaShard(index, 4, 2, generation, false, 40, new byte[20]));
    }

    @Test
    void keysArePrefixedIdsWithTheSlotAndParseBack() {
        assertThat(new String(Slots.key("9f0c", 1), US_ASCII)).isEqualTo("m:9f0c:1");
        assertThat(Slots.parse(Slots.key("9f0c", 1))).contains(new Slots.SlotKey("9f0c", 1));
        assertThat(Slots.parse("m:9f0c:2".getBytes(US_ASCII))).isEmpty();
        assertThat(Slots.parse("x:9f0c:0".getBytes(US_ASCII))).isEmpty();
        assertThat(Slots.parse("m:9f0c".getBytes(US_ASCII))).isEmpty();
        assertThat(Slots.parse("m:.hidden:0".getBytes(US_ASCII))).isEmpty();
    }

    @Test
    void theWinnersSlotIsNeverChosen() {
        assertThat(Slots.choose(List.of(shard(2, 7), SlotContent.EMPTY), 7, 2)).isEqualTo(1);
        assertThat(Slots.choose(List.of(shard(2, 3), shard(2, 7)), 7, 2)).isZero();
        assertThat(Slots.choose(List.of(shard(2, 7), shard(2, 9)), 7, 2)).isEqualTo(1);
    }

    @Test
    void withoutAWinnerADamagedSlotGoesFirstThenAnEmptyOneThenTheOlder() {
        SlotContent damaged = new SlotContent.Invalid(ShardDefect.BAD_TAG);

        assertThat(Slots.choose(List.of(SlotContent.EMPTY, damaged), 0, 0)).isEqualTo(1);
        assertThat(Slots.choose(List.of(shard(0, 5), SlotContent.EMPTY), 0, 0)).isEqualTo(1);
        assertThat(Slots.choose(List.of(shard(0, 5), shard(0, 4)), 0, 0)).isEqualTo(1);
        assertThat(Slots.choose(List.of(SlotContent.EMPTY, SlotContent.EMPTY), 0, 0)).isZero();
    }

    @Test
    void idsAreCheckedForWhatKeysAndFileNamesAllow() {
        assertThat(MetaIds.isValid("a1b2c3")).isTrue();
        assertThat(MetaIds.isValid("seg-01.idx_2")).isTrue();
        assertThat(MetaIds.isValid("")).isFalse();
        assertThat(MetaIds.isValid(".")).isFalse();
        assertThat(MetaIds.isValid("..")).isFalse();
        assertThat(MetaIds.isValid("a/b")).isFalse();
        assertThat(MetaIds.isValid("a:b")).isFalse();
        assertThat(MetaIds.isValid("x".repeat(200))).isTrue();
        assertThat(MetaIds.isValid("x".repeat(201))).isFalse();
    }
}
