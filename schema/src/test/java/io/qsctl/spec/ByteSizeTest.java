package io.qsctl.spec;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class ByteSizeTest {

    @Test
    void decimalUnitsArePowersOfAThousandAndBinaryUnitsPowersOf1024() {
        assertThat(ByteSize.parse("500GB").size()).contains(ByteSize.ofBytes(500_000_000_000L));
        assertThat(ByteSize.parse("2TiB").size()).contains(ByteSize.ofBytes(2L << 40));
        assertThat(ByteSize.parse("1.5GiB").size()).contains(ByteSize.ofBytes(3L << 29));
        assertThat(ByteSize.parse("1 PB").size()).contains(ByteSize.ofBytes(1_000_000_000_000_000L));
        assertThat(ByteSize.parse("7B").size()).contains(ByteSize.ofBytes(7));
    }

    @Test
    void sizesThatAreNotWholeBytesOrTooLargeAreRefusedWithAReason() {
        assertThat(ByteSize.parse("0.5B").problem()).isEqualTo("'0.5B' is not a whole number of bytes");
        assertThat(ByteSize.parse("9000PiB").problem()).isEqualTo("'9000PiB' is too large (the limit is 8EiB)");
        assertThat(ByteSize.parse("10 gb").ok()).isFalse();
        assertThat(ByteSize.parse("GiB").ok()).isFalse();
    }

    @Test
    void humanFormIsTheShortestExactBinaryUnit() {
        assertThat(ByteSize.ofBytes(2L << 40).toHumanString()).isEqualTo("2TiB");
        assertThat(ByteSize.ofBytes(1536L * ByteSize.MIB).toHumanString()).isEqualTo("1.5GiB");
        assertThat(ByteSize.ofBytes(1_000_000_000L).toHumanString()).isEqualTo("953.7MiB");
        assertThat(ByteSize.ofBytes(0).toHumanString()).isEqualTo("0B");
        assertThat(ByteSize.ofBytes(1023).toHumanString()).isEqualTo("1023B");
        assertThat(ByteSize.ofBytes(1L << 60).toHumanString()).isEqualTo("1024PiB");
        assertThat(ByteSize.ofBytes(3L << 60).toHumanString()).isEqualTo("3072PiB");
    }

    @Property
    void everyExactHumanFormParsesBackToTheSameSize(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 2) long bytes) {
        String human = ByteSize.ofBytes(bytes).toHumanString();
        if (!human.contains(".")) {
            assertThat(ByteSize.parse(human).size()).contains(ByteSize.ofBytes(bytes));
        }
    }
}
