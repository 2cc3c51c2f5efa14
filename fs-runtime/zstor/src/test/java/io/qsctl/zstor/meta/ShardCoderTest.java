package io.qsctl.zstor.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qsctl.zstor.codec.NotEnoughShardsException;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ShardCoderTest {

    @Test
    void anyTwoOfFourBodiesGiveThePayloadBack() {
        ShardCoder coder = new ShardCoder(MetaQuorum.forBackends(4));
        for (int length : new int[] {28, 29, 1000, 4097}) {
            byte[] payload = new byte[length];
            new Random(length).nextBytes(payload);
            byte[][] bodies = coder.split(payload);
            assertThat(bodies).hasNumberOfRows(4);
            for (int a = 0; a < 4; a++) {
                for (int b = a + 1; b < 4; b++) {
                    assertThat(coder.join(Map.of(a, bodies[a], b, bodies[b]), length))
                            .as("length %d from shards %d and %d", length, a, b).isEqualTo(payload);
                }
            }
        }
    }

    @Test
    void theDataBodiesAreThePayloadItself() {
        ShardCoder coder = new ShardCoder(MetaQuorum.forBackends(4));
        byte[] payload = new byte[31];
        new Random(1).nextBytes(payload);
        byte[][] bodies = coder.split(payload);

        assertThat(bodies[0]).hasSize(16);
        assertThat(java.util.Arrays.copyOf(bodies[0], 16)).isEqualTo(java.util.Arrays.copyOf(payload, 16));
        assertThat(bodies[1][15]).as("padding").isZero();
    }

    @Test
    void oneBodyOfFourIsNotEnough() {
        ShardCoder coder = new ShardCoder(MetaQuorum.forBackends(4));
        byte[][] bodies = coder.split(new byte[100]);
        Map<Integer, byte[]> one = new HashMap<>();
        one.put(2, bodies[2]);

        assertThatThrownBy(() -> coder.join(one, 100)).isInstanceOf(NotEnoughShardsException.class);
    }

    @Test
    void otherBackendCountsWorkToo() {
        for (int n : new int[] {1, 2, 3, 5, 7}) {
            ShardCoder coder = new ShardCoder(MetaQuorum.forBackends(n));
            byte[] payload = new byte[77];
            new Random(n).nextBytes(payload);
            byte[][] bodies = coder.split(payload);
            Map<Integer, byte[]> last = new HashMap<>();
            for (int i = n - MetaQuorum.forBackends(n).dataShards(); i < n; i++) {
                last.put(i, bodies[i]);
            }
            assertThat(coder.join(last, 77)).as("%d backends", n).isEqualTo(payload);
        }
    }
}
