package io.qsctl.zstor.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DecodeMatrixCacheTest {

    private static final GfMatrix SOME = GfMatrix.vandermonde(2, 2);

    @Test
    void aPatternSeenBeforeIsNotInvertedAgain() {
        DecodeMatrixCache cache = new DecodeMatrixCache();
        AtomicInteger inversions = new AtomicInteger();
        GfMatrix first = cache.get(new int[] {0, 2}, () -> {
            inversions.incrementAndGet();
            return SOME;
        });
        GfMatrix again = cache.get(new int[] {0, 2}, () -> {
            inversions.incrementAndGet();
            return GfMatrix.vandermonde(2, 2);
        });
        assertThat(again).isSameAs(first);
        assertThat(inversions).hasValue(1);
    }

    @Test
    void pastItsCapacityTheLeastRecentlyUsedPatternGoesFirst() {
        DecodeMatrixCache cache = new DecodeMatrixCache();
        for (int i = 0; i < DecodeMatrixCache.CAPACITY; i++) {
            cache.get(new int[] {i}, () -> SOME);
        }
        cache.get(new int[] {0}, () -> SOME); // used again: now the most recent
        cache.get(new int[] {1000}, () -> SOME);

        assertThat(cache.size()).isEqualTo(DecodeMatrixCache.CAPACITY);
        assertThat(cache.contains(new int[] {0})).isTrue();
        assertThat(cache.contains(new int[] {1})).as("the least recently used").isFalse();
        assertThat(cache.contains(new int[] {2})).isTrue();
        assertThat(cache.contains(new int[] {1000})).isTrue();
    }
}
