package io.qsctl.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.qsctl.common.Sizes.Problem;
import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SizesTest {

    @Test
    void sizesAndRatesUseBinaryUnits() {
        assertThat(Sizes.human(1023)).isEqualTo("1023 B");
        assertThat(Sizes.human(300L << 20)).isEqualTo("300.0 MiB");
        assertThat(Sizes.rate(512, 1.0)).isEqualTo("512 B/s");
        assertThat(Sizes.rate(21L << 20, 2.0)).isEqualTo("10.5 MiB/s");
    }

    @Test
    void theNodeTableWritesWholeAmountsBareAndOthersWithOneDecimal() {
        assertThat(Sizes.wholeOrOneDecimal(500 * Sizes.GIB)).isEqualTo("500 GiB");
        assertThat(Sizes.wholeOrOneDecimal(1536 * Sizes.GIB)).isEqualTo("1.5 TiB");
        assertThat(Sizes.wholeOrOneDecimal(1000)).isEqualTo("1000 B");
        // rounded from below, it keeps its decimal: the amount is not whole
        assertThat(Sizes.wholeOrOneDecimal(2 * Sizes.GIB - 10 * Sizes.MIB)).isEqualTo("2.0 GiB");
    }

    @Test
    void theEmbeddedGridsRefusalsRoundToTwoDecimalsAndDropTrailingZeros() {
        assertThat(Sizes.upToTwoDecimals(120 * Sizes.GIB)).isEqualTo("120 GiB");
        assertThat(Sizes.upToTwoDecimals(1280 * Sizes.GIB)).isEqualTo("1.25 TiB");
        assertThat(Sizes.upToTwoDecimals(1536 * Sizes.MIB)).isEqualTo("1.5 GiB");
        assertThat(Sizes.upToTwoDecimals(0)).isEqualTo("0 B");
    }

    @Test
    void scalingStopsAtPebibytesAndLeavesSmallAndNegativeAmountsInBytes() {
        assertThat(Sizes.scale(3L << 60)).satisfies(s -> {
            assertThat(s.number(0)).isEqualTo("3072");
            assertThat(s.unit()).isEqualTo("PiB");
            assertThat(s.whole()).isTrue();
        });
        assertThat(Sizes.scale(1023).unit()).isEqualTo("B");
        assertThat(Sizes.human(-2048)).isEqualTo("-2048 B");
        assertThat(Sizes.scale(1_000_000_000L).number(1)).isEqualTo("953.7");
    }

    @Test
    void aSizeIsANumberAndAUnitOfThoseGiven() {
        assertThat(Sizes.parse("500GB", Sizes.SPEC_UNITS).bytes()).isEqualTo(500_000_000_000L);
        assertThat(Sizes.parse("1.5GiB", Sizes.SPEC_UNITS).bytes()).isEqualTo(3L << 29);
        assertThat(Sizes.parse("1 PB", Sizes.SPEC_UNITS).bytes()).isEqualTo(1_000_000_000_000_000L);
        assertThat(Sizes.parse("7B", Sizes.SPEC_UNITS).bytes()).isEqualTo(7);
        assertThat(Sizes.parse("12", Map.of("", BigInteger.ONE)).bytes()).isEqualTo(12);
    }

    @Test
    void whatIsNotASizeSaysWhy() {
        assertThat(Sizes.parse("10 gb", Sizes.SPEC_UNITS).problem()).contains(Problem.NOT_A_SIZE);
        assertThat(Sizes.parse("GiB", Sizes.SPEC_UNITS).problem()).contains(Problem.NOT_A_SIZE);
        assertThat(Sizes.parse("12", Sizes.SPEC_UNITS).problem()).contains(Problem.NOT_A_SIZE);
        assertThat(Sizes.parse("0.5B", Sizes.SPEC_UNITS).problem()).contains(Problem.NOT_WHOLE);
        assertThat(Sizes.parse("9000PiB", Sizes.SPEC_UNITS).problem()).contains(Problem.TOO_LARGE);
        assertThat(Sizes.parse("8191PiB", Sizes.SPEC_UNITS).ok()).isTrue();
    }
}
