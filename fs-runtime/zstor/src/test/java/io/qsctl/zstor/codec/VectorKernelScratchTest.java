package io.qsctl.zstor.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The vector kernel's scratch table is the calling thread's, reused from call to call (JMH's
 * {@code -prof gc} on ReedSolomonBenchmark shows what that saves per encode; see docs/codec.md).
 */
class VectorKernelScratchTest {

    @Test
    void aThreadGetsItsOwnTableBackUntilItNeedsALargerOne() {
        byte[] first = VectorKernel.scratch(1000);
        assertThat(VectorKernel.scratch(500)).isSameAs(first);
        assertThat(VectorKernel.scratch(1000)).isSameAs(first);
        byte[] larger = VectorKernel.scratch(first.length + 1);
        assertThat(larger).isNotSameAs(first).hasSizeGreaterThan(first.length);
        assertThat(VectorKernel.scratch(1000)).isSameAs(larger);
    }

    @Test
    void anotherThreadNeverGetsTheSameTable() {
        byte[] mine = VectorKernel.scratch(1000);
        byte[] theirs = CompletableFuture.supplyAsync(() -> VectorKernel.scratch(1000)).join();
        assertThat(theirs).isNotSameAs(mine);
    }

    @Test
    void aTableLastUsedForManyInputsStillGivesExactParityForFewer() {
        GfKernel vector = GfKernels.vector().orElseThrow();
        int size = 3 * VectorKernel.stepBytes() + 7;
        for (int[] code : new int[][] {{64, 8}, {3, 2}, {17, 4}, {1, 1}, {64, 64}, {5, 5}}) {
            byte[][] byVector = random(code[0] + code[1], size, code[0]);
            byte[][] byScalar = new byte[byVector.length][];
            for (int i = 0; i < byVector.length; i++) {
                byScalar[i] = byVector[i].clone();
            }
            ReedSolomon.create(code[0], code[1], vector).encode(byVector, 0, size);
            ReedSolomon.create(code[0], code[1], GfKernels.scalar()).encode(byScalar, 0, size);
            assertThat(byVector).as("%d+%d", code[0], code[1]).isDeepEqualTo(byScalar);
        }
    }

    private static byte[][] random(int total, int size, long seed) {
        Random random = new Random(seed);
        byte[][] shards = new byte[total][size];
        for (byte[] shard : shards) {
            random.nextBytes(shard);
        }
        return shards;
    }
}
