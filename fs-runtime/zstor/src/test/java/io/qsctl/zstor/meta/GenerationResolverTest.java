package io.qsctl.zstor.meta;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GenerationResolverTest {

    private static final MetaQuorum FOUR = MetaQuorum.forBackends(4);

    private static SlotContent shard(int index, long generation) {
        return new SlotContent.Valid(new MetaShard(index, 4, 2, generation, false, 40, new byte[20]));
    }

    private static SlotContent tombstone(int index, long generation) {
        return new SlotContent.Valid(new MetaShard(index, 4, 2, generation, true, 0, new byte[0]));
    }

    private static BackendView has(SlotContent... slots) {
        List<SlotContent> list = new ArrayList<>(List.of(slots));
        while (list.size() < Slots.COUNT) {
            list.add(SlotContent.EMPTY);
        }
        return new BackendView.Answered(list);
    }

    private static final BackendView DOWN = new BackendView.Unreachable("connection refused");
    private static final SlotContent DAMAGED = new SlotContent.Invalid(ShardDefect.BAD_TAG);
    private static final SlotContent OTHER_KEY = new SlotContent.Invalid(ShardDefect.FOREIGN_KEY);

    private static Resolution resolve(BackendView... views) {
        return GenerationResolver.resolve(FOUR, List.of(views));
    }

    @Test
    void theNewestGenerationOnAllBackendsWins() {
        Resolution r = resolve(has(shard(0, 5), shard(0, 4)), has(shard(1, 4), shard(1, 5)),
                has(shard(2, 5), shard(2, 4)), has(shard(3, 5), shard(3, 4)));

        assertThat(r).isInstanceOf(Resolution.Live.class);
        assertThat(((Resolution.Live) r).generation()).isEqualTo(5);
        assertThat(((Resolution.Live) r).shards()).containsOnlyKeys(0, 1, 2, 3);
    }

    @Test
    void twoBackendsAreEnoughWhenTheOthersAreDown() {
        Resolution r = resolve(DOWN, has(shard(1, 5)), DOWN, has(shard(3, 5)));

        assertThat(r).isInstanceOf(Resolution.Live.class);
        assertThat(r.highestSeen()).isEqualTo(5);
    }

    @Test
    void aBackendThatMissedGenerationsIsOutvoted() {
        Resolution r = resolve(has(shard(0, 9), shard(0, 8)), has(shard(1, 9), shard(1, 8)),
                has(shard(2, 9), shard(2, 8)), has(shard(3, 2), shard(3, 1)));

        assertThat(((Resolution.Live) r).generation()).isEqualTo(9);
    }

    @Test
    void aFailedWriteThatReachedOneBackendIsPassedOverWhenEveryoneAnswers() {
        Resolution r = resolve(has(shard(0, 4), shard(0, 6)), has(shard(1, 4)), has(shard(2, 4)), has(shard(3, 4)));

        assertThat(((Resolution.Live) r).generation()).isEqualTo(4);
        assertThat(r.highestSeen()).isEqualTo(6);
    }

    @Test
    void aFailedWriteIsStillPassedOverWithOneBackendDown() {
        Resolution r = resolve(has(shard(0, 4), shard(0, 6)), has(shard(1, 4)), has(shard(2, 4)), DOWN);

        assertThat(((Resolution.Live) r).generation()).isEqualTo(4);
    }

    @Test
    void aNewerGenerationThatTheSilentBackendsCouldCompleteLeavesTheAnswerUndecided() {
        // generation 6 may be on backends 1 and 2 as well: then it was committed, and 4 is stale
        Resolution r = resolve(has(shard(0, 4), shard(0, 6)), DOWN, DOWN, has(shard(3, 4)));

        assertThat(r).isEqualTo(new Resolution.Undecided(6, 1, 6));
    }

    @Test
    void aTombstoneOnThreeBackendsIsNotUndoneByTheOneThatWasAway() {
        Resolution r = resolve(has(shard(0, 4), tombstone(0, 7)), has(tombstone(1, 7), shard(1, 4)),
                has(tombstone(2, 7), shard(2, 4)), has(shard(3, 4)));

        assertThat(r).isEqualTo(new Resolution.Deleted(7, 7));
    }

    @Test
    void aTombstoneSeenOnceWithTwoBackendsSilentDoesNotLetTheOldRecordBack() {
        Resolution r = resolve(has(shard(0, 4), tombstone(0, 7)), DOWN, DOWN, has(shard(3, 4)));

        assertThat(r).isInstanceOf(Resolution.Undecided.class);
    }

    @Test
    void damagedSlotsAreSkippedButCountAsUnknown() {
        Resolution readable = resolve(has(DAMAGED, shard(0, 4)), has(shard(1, 5), shard(1, 4)),
                has(shard(2, 5), shard(2, 4)), has(shard(3, 5), shard(3, 4)));
        Resolution undecided = resolve(has(DAMAGED, shard(0, 4)), has(DAMAGED, shard(1, 4)),
                has(shard(2, 5), shard(2, 4)), DOWN);

        assertThat(((Resolution.Live) readable).generation()).isEqualTo(5);
        assertThat(undecided).isInstanceOf(Resolution.Undecided.class);
    }

    @Test
    void nothingAnywhereIsAbsent() {
        assertThat(resolve(has(), has(), has(), DOWN)).isEqualTo(new Resolution.Absent(0));
    }

    @Test
    void threeSilentBackendsDecideNothingEvenIfTheFourthIsEmpty() {
        assertThat(resolve(has(), DOWN, DOWN, DOWN)).isEqualTo(new Resolution.Undecided(0, 0, 0));
    }

    @Test
    void shardsOfAnotherKeyOnEnoughBackendsAreAWrongKey() {
        assertThat(resolve(has(OTHER_KEY), has(OTHER_KEY), has(OTHER_KEY, OTHER_KEY), DOWN))
                .isEqualTo(new Resolution.WrongKey(3));
    }

    @Test
    void theSameShardIndexTwiceCountsOnce() {
        // backend 0 holds generation 5 in both slots (index 0 each time): still one shard
        Resolution r = resolve(has(shard(0, 5), shard(0, 5)), has(shard(1, 3)), has(shard(2, 3)), has(shard(3, 3)));

        assertThat(((Resolution.Live) r).generation()).isEqualTo(3);
    }
}
