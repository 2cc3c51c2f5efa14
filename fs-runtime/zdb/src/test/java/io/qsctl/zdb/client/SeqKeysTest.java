package io.qsctl.zdb.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class SeqKeysTest {

    @Test
    void idsAreEightBytesLittleEndian() {
        assertThat(SeqKeys.key(0)).containsExactly(0, 0, 0, 0, 0, 0, 0, 0);
        assertThat(SeqKeys.key(0x0102)).containsExactly(2, 1, 0, 0, 0, 0, 0, 0);
        assertThat(SeqKeys.id(new byte[] {(byte) 0xff, 0, 0, 0, 0, 0, 0, 0})).isEqualTo(255);
    }

    @Property(tries = 200)
    void keyAndIdAreInverses(@ForAll long id) {
        assertThat(SeqKeys.id(SeqKeys.key(id))).isEqualTo(id);
    }

    @Test
    void refusesKeysOfAnotherLength() {
        assertThatThrownBy(() -> SeqKeys.id(new byte[4])).isInstanceOf(IllegalArgumentException.class);
    }
}
