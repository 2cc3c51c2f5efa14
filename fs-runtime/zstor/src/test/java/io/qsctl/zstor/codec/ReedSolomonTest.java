package io.qsctl.zstor.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReedSolomonTest {

    private static byte[][] encoded(ReedSolomon rs, int size, long seed) {
        Random random = new Random(seed);
        byte[][] shards = new byte[rs.totalShards()][size];
        for (int i = 0; i < rs.dataShards(); i++) {
            random.nextBytes(shards[i]);
        }
        rs.encode(shards, 0, size);
        return shards;
    }

    @Test
    void theTopOfTheEncodingMatrixIsTheIdentitySoDataShardsAreTheData() {
        ReedSolomon rs = ReedSolomon.create(16, 4, GfKernels.scalar());
        for (int r = 0; r < 16; r++) {
            byte[] row = rs.encodingRow(r);
            for (int c = 0; c < 16; c++) {
                assertThat(row[c]).isEqualTo((byte) (r == c ? 1 : 0));
            }
        }
    }

    @Test
    void anyParityCountOfLostShardsIsRebuiltExactly() {
        ReedSolomon rs = ReedSolomon.create(16, 4, GfKernels.scalar());
        byte[][] original = encoded(rs, 10_000, 1);
        assertThat(rs.verify(original, 0, 10_000)).isTrue();
        int[][] patterns = {{0, 1, 2, 3}, {16, 17, 18, 19}, {0, 5, 17, 19}, {15}, {}};
        for (int[] lost : patterns) {
            byte[][] shards = new byte[20][];
            boolean[] present = new boolean[20];
            for (int i = 0; i < 20; i++) {
                shards[i] = original[i].clone();
                present[i] = true;
            }
            for (int i : lost) {
                shards[i] = new byte[10_000];
                present[i] = false;
            }
            rs.reconstruct(shards, present, 0, 10_000);
            assertThat(shards).isDeepEqualTo(original);
        }
    }

    @Test
    void onePastTheParityCountIsRefusedNamingHowManyAreMissing() {
        ReedSolomon rs = ReedSolomon.create(4, 2, GfKernels.scalar());
        byte[][] shards = encoded(rs, 64, 2);
        boolean[] present = {false, false, false, true, true, true};
        assertThatThrownBy(() -> rs.reconstruct(shards, present, 0, 64)).isInstanceOf(NotEnoughShardsException.class)
                .hasMessage("3 of 6 shards are available but 4 are needed (1 missing beyond what parity covers)");
    }

    /**
     * The 5+5 code on two bytes per shard, with the parity published as {@code test_one_encode} in
     * the tests of reed-solomon-erasure (the crate 0-stor_v2 uses; rust-rse/reed-solomon-erasure,
     * src/tests/mod.rs, {@code fn test_one_encode}) and as {@code testOneEncode} in Backblaze's
     * JavaReedSolomon (src/test/java/com/backblaze/erasure/ReedSolomonTest.java). Our matrix is theirs
     * (docs/codec.md): stored parity must stay readable by both, with every kernel.
     */
    @Test
    void theFivePlusFiveVectorPublishedByReedSolomonErasureAndBackblazeEncodesToTheSameParity() {
        for (GfKernel kernel : kernels()) {
            ReedSolomon rs = ReedSolomon.create(5, 5, kernel);
            byte[][] shards = {{0, 1}, {4, 5}, {2, 3}, {6, 7}, {8, 9}, new byte[2], new byte[2], new byte[2], new byte[2],
                new byte[2]};
            rs.encode(shards, 0, 2);
            assertThat(shards).as(kernel.name()).isDeepEqualTo(new byte[][] {{0, 1}, {4, 5}, {2, 3}, {6, 7}, {8, 9},
                {12, 13}, {10, 11}, {14, 15}, {90, 91}, {94, 95}});
            assertThat(rs.verify(shards, 0, 2)).isTrue();
            shards[8][0]++;
            assertThat(rs.verify(shards, 0, 2)).isFalse();
        }
    }

    @Test
    void anOffsetAndLengthWhoseSumOverflowsAnIntAreRefusedNotRunPastTheArrays() {
        ReedSolomon rs = ReedSolomon.create(2, 1, GfKernels.scalar());
        byte[][] shards = new byte[3][16];
        int offset = Integer.MAX_VALUE - 4;
        assertThatThrownBy(() -> rs.encode(shards, offset, 8)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shard 0 has 16 bytes, needs 2147483651");
        assertThatThrownBy(() -> rs.verify(shards, offset, 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rs.reconstruct(shards, new boolean[] {true, true, false}, offset, 8))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aParityArrayThatIsAlsoADataShardIsRefusedInsteadOfGivingWrongParity() {
        for (GfKernel kernel : kernels()) {
            ReedSolomon rs = ReedSolomon.create(4, 2, kernel);
            byte[][] shards = encoded(rs, 4096, 5);
            shards[5] = shards[1];
            assertThatThrownBy(() -> rs.encode(shards, 0, 4096)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("parity shard 5 is the same array as shard 1; each shard written needs an array of its own");
            shards[5] = shards[4];
            assertThatThrownBy(() -> rs.encode(shards, 0, 4096)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("parity shard 4 is the same array as shard 5; each shard written needs an array of its own");
        }
    }

    @Test
    void aMissingShardWhoseArrayIsAlsoAnotherShardIsRefusedInsteadOfRebuiltWrong() {
        ReedSolomon rs = ReedSolomon.create(4, 2, GfKernels.scalar());
        byte[][] shards = encoded(rs, 64, 6);
        boolean[] present = {false, true, true, true, true, false};
        shards[0] = shards[2];
        assertThatThrownBy(() -> rs.reconstruct(shards, present, 0, 64)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("missing shard 0 is the same array as shard 2; each shard written needs an array of its own");
        shards[0] = shards[5];
        assertThatThrownBy(() -> rs.reconstruct(shards, present, 0, 64)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("missing shard 5 is the same array as shard 0; each shard written needs an array of its own");
        // a read rebuilds only data: absent parity shards may share one spare array, as SegmentReader's do
        ReedSolomon threeAndThree = ReedSolomon.create(3, 3, GfKernels.scalar());
        byte[][] reading = encoded(threeAndThree, 64, 6);
        byte[][] expected = reading.clone();
        byte[] spare = new byte[64];
        reading[0] = new byte[64];
        reading[4] = spare;
        reading[5] = spare;
        threeAndThree.reconstructData(reading, new boolean[] {false, true, true, true, false, false}, 0, 64);
        assertThat(reading[0]).isEqualTo(expected[0]);
    }

    @Test
    void decodingMatricesAreCachedForTheLast254ErasurePatternsOnly() {
        ReedSolomon rs = ReedSolomon.create(16, 4, GfKernels.scalar());
        byte[][] original = encoded(rs, 32, 7);
        int patterns = 0;
        for (int a = 0; a < 20 && patterns < 300; a++) {
            for (int b = a + 1; b < 20 && patterns < 300; b++) {
                for (int c = b + 1; c < 20 && patterns < 300; c++) {
                    boolean[] present = new boolean[20];
                    Arrays.fill(present, true);
                    present[a] = present[b] = present[c] = false;
                    byte[][] shards = original.clone();
                    shards[a] = new byte[32];
                    shards[b] = new byte[32];
                    shards[c] = new byte[32];
                    rs.reconstruct(shards, present, 0, 32);
                    assertThat(shards).isDeepEqualTo(original);
                    patterns++;
                }
            }
        }
        assertThat(patterns).isEqualTo(300);
        assertThat(rs.cachedDecodingMatrices()).isEqualTo(DecodeMatrixCache.CAPACITY).isEqualTo(254);
    }

    private static List<GfKernel> kernels() {
        return List.of(GfKernels.scalar(), GfKernels.vector().orElseThrow(
                () -> new AssertionError("tests run with --add-modules=jdk.incubator.vector; the vector kernel must load")));
    }

    @Test
    void aFlippedByteFailsVerification() {
        ReedSolomon rs = ReedSolomon.create(4, 2, GfKernels.scalar());
        byte[][] shards = encoded(rs, 64, 3);
        shards[2][10] ^= 1;
        assertThat(rs.verify(shards, 0, 64)).isFalse();
    }
}
