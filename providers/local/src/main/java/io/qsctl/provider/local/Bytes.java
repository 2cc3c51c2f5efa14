package io.qsctl.provider.local;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Sizes in messages, as people read them: {@code 120 GiB}, {@code 1.5 TiB}. */
final class Bytes {

    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

    private Bytes() {
    }

    static String human(long bytes) {
        int unit = 0;
        BigDecimal value = BigDecimal.valueOf(bytes);
        BigDecimal k = BigDecimal.valueOf(1024);
        while (unit < UNITS.length - 1 && value.compareTo(k) >= 0) {
            value = value.divide(k, 10, RoundingMode.HALF_UP);
            unit++;
        }
        return value.setScale(unit == 0 ? 0 : 2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + " "
                + UNITS[unit];
    }
}
