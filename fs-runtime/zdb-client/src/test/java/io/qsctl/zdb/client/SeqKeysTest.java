package io.qsctl.zdb.client;

import io.qsctl.testing.RandomCases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class SeqKeysTest {

    @Test
    void idsAreEightBytesLittleEndian() {
        assertThat(SeqKeys.key(0)).containsExactly(0, 0, 0, 0, 0, 0, 0, 0);
        assertThat(SeqKeys.key(0x0102)).containsExactly(2, 1, 0, 0, 0, 0, 0, 0);
        assertThat(SeqKeys.id(new byte[] {(byte) 0xff, 0, 0, 0, 0, 0, 0, 0})).isEqualTo(255);
    }

    /**
     * 200 ids: the extremes of a long and both sides of every byte boundary first (0, 1, -1,
     * MIN_VALUE, MAX_VALUE, 2^(8k) - 1, 2^(8k), 2^(8k-1)), then any longs. Each key is also checked
     * against a little-endian ByteBuffer.
     */
    @Test
    void keyAndIdAreInverses() {
        long[] edges = new long[5 + 3 * 7];
        edges[0] = 0;
        edges[1] = 1;
        edges[2] = -1;
        edges[3] = Long.MIN_VALUE;
        edges[4] = Long.MAX_VALUE;
        for (int k = 1; k < 8; k++) {
            edges[5 + 3 * (k - 1)] = (1L << (8 * k)) - 1;
            edges[6 + 3 * (k - 1)] = 1L << (8 * k);
            edges[7 + 3 * (k - 1)] = 1L << (8 * k - 1);
        }
        RandomCases.check("keyAndIdAreInverses", 200, (random, i) -> {
            long id = i < edges.length ? edges[i] : RandomCases.anyLong(random);
            byte[] key = SeqKeys.key(id);
            assertThat(key).as("key of %d", id)
                    .isEqualTo(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(id).array());
            assertThat(SeqKeys.id(key)).as("id of the key of %d", id).isEqualTo(id);
        });
    }

    @Test
    void refusesKeysOfAnotherLength() {
        assertThatThrownBy(() -> SeqKeys.id(new byte[4])).isInstanceOf(IllegalArgumentException.class);
    }
}
