package io.qsctl.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EditDistanceTest {

    @Test
    void eachWrongMissingExtraOrSwappedLetterCostsOne() {
        assertThat(EditDistance.between("capacity", "capacity")).isZero();
        assertThat(EditDistance.between("capacity", "capasity")).isEqualTo(1);
        assertThat(EditDistance.between("capacity", "capcity")).isEqualTo(1);
        assertThat(EditDistance.between("capacity", "capacityy")).isEqualTo(1);
        assertThat(EditDistance.between("capacity", "cpaacity")).isEqualTo(1);
        assertThat(EditDistance.between("kitten", "sitting")).isEqualTo(3);
        assertThat(EditDistance.between("", "abc")).isEqualTo(3);
    }

    @Test
    void aBoundCutsTheDistanceAndSkipsStringsOfTooDifferentLengths() {
        assertThat(EditDistance.between("kitten", "sitting", 2)).isEqualTo(2);
        assertThat(EditDistance.between("a", "abcdef", 3)).isEqualTo(3);
        assertThat(EditDistance.between("kitten", "sitting", 4)).isEqualTo(3);
    }
}
