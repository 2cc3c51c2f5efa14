package io.qsctl.zstor.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void aFlippedByteFailsVerification() {
        ReedSolomon rs = ReedSolomon.create(4, 2, GfKernels.scalar());
        byte[][] shards = encoded(rs, 64, 3);
        shards[2][10] ^= 1;
        assertThat(rs.verify(shards, 0, 64)).isFalse();
    }
}
