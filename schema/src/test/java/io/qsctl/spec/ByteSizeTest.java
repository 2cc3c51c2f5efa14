package io.qsctl.spec;

import io.qsctl.testing.RandomCases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
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

    private static final long MAX = Long.MAX_VALUE / 2;

    /**
     * 1000 sizes in {@code [0, Long.MAX_VALUE / 2]}. Only sizes that are a whole number of some
     * binary unit have an exact human form, and uniform longs almost never are, so half the cases are
     * built that way (1 to 1023 of a unit, the edges included) and the rest are small or uniform; the
     * test also checks that the exact ones were not left out.
     */
    @Test
    void everyExactHumanFormParsesBackToTheSameSize() {
        long[] edges = {0, 1, 1023, 1024, 1025, ByteSize.MIB, 1L << 60, 3L << 60, MAX, MAX - 1};
        AtomicInteger exact = new AtomicInteger();
        RandomCases.check("everyExactHumanFormParsesBackToTheSameSize", 1000, (random, i) -> {
            long bytes = i < edges.length ? edges[i] : size(random);
            String human = ByteSize.ofBytes(bytes).toHumanString();
            if (!human.contains(".")) {
                exact.incrementAndGet();
                assertThat(ByteSize.parse(human).size()).as("%d bytes as %s", bytes, human)
                        .contains(ByteSize.ofBytes(bytes));
            }
        });
        assertThat(exact.get()).as("sizes with an exact human form, of 1000").isGreaterThan(400);
    }

    private static long size(Random random) {
        return switch (random.nextInt(4)) {
            case 0, 1 -> {
                int unit = random.nextInt(7);
                long count = RandomCases.between(random, 1, unit == 6 ? 3 : 1023);
                yield count << (10 * unit);
            }
            case 2 -> RandomCases.between(random, 0, 1L << 20);
            default -> RandomCases.between(random, 0, MAX);
        };
    }
}
