package io.qsctl.cli.output;

import java.util.Locale;

/**
 * Byte counts for people: 1023 B, 4.0 KiB, 1.5 GiB; and rates in the same binary units (10.0
 * MiB/s), so that a line never mixes 2^20 and 10^6.
 */
public final class Sizes {

    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

    private Sizes() {
    }

    public static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }

    /** {@code bytes} moved in {@code seconds}, per second: 512 B/s, 10.0 MiB/s. */
    public static String rate(long bytes, double seconds) {
        return human(Math.round(bytes / Math.max(seconds, 1e-9))) + "/s";
    }
}
