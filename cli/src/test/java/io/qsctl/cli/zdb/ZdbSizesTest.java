package io.qsctl.cli.zdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class ZdbSizesTest {

    @Test
    void plainNumbersAreBytesAs0dbTakesThem() {
        assertThat(ZdbSizes.parse("268435456")).isEqualTo(268_435_456L);
        assertThat(ZdbSizes.parse("0")).isZero();
    }

    @Test
    void singleLettersArePowersOf1024InEitherCase() {
        assertThat(ZdbSizes.parse("256M")).isEqualTo(256L << 20);
        assertThat(ZdbSizes.parse("4k")).isEqualTo(4096);
        assertThat(ZdbSizes.parse("1G")).isEqualTo(1L << 30);
        assertThat(ZdbSizes.parse("1.5G")).isEqualTo(3L << 29);
        assertThat(ZdbSizes.parse("2T")).isEqualTo(2L << 40);
    }

    @Test
    void unitsFollowQsctlsConventionKiBIs1024AndKBIs1000() {
        assertThat(ZdbSizes.parse("256MiB")).isEqualTo(256L << 20);
        assertThat(ZdbSizes.parse("256MB")).isEqualTo(256_000_000L);
        assertThat(ZdbSizes.parse("1GB")).isEqualTo(1_000_000_000L);
        assertThat(ZdbSizes.parse("1 GiB")).isEqualTo(1L << 30);
        assertThat(ZdbSizes.parse("512B")).isEqualTo(512);
    }

    @Test
    void negativeMalformedAndFractionalSizesAreRefusedWithAReason() {
        assertThatThrownBy(() -> ZdbSizes.parse("-1")).isInstanceOf(TypeConversionException.class)
                .hasMessage("'-1': a size cannot be negative");
        assertThatThrownBy(() -> ZdbSizes.parse("12X")).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("is not a size").hasMessageContaining("K, M, G, T");
        assertThatThrownBy(() -> ZdbSizes.parse("1.3K")).hasMessage("'1.3K' is not a whole number of bytes");
        assertThatThrownBy(() -> ZdbSizes.parse("99999999999999999999")).hasMessageContaining("too large");
        assertThatThrownBy(() -> ZdbSizes.parse("10000PB")).hasMessageContaining("too large");
    }

    @Test
    void aLetterSizePastWhatALongHoldsIsTooLargeNotAFraction() {
        assertThatThrownBy(() -> ZdbSizes.parse("99999999999T")).isInstanceOf(TypeConversionException.class)
                .hasMessage("'99999999999T' is too large (the limit is 8EiB)");
    }
}
