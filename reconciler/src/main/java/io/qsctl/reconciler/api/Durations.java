package io.qsctl.reconciler.api;

import java.time.Duration;

/** Short durations as Terraform prints them: {@code 0s}, {@code 42s}, {@code 3m5s}, {@code 1h2m}. */
public final class Durations {

    private Durations() {
    }

    public static String format(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m" + (s % 60 == 0 ? "" : (s % 60) + "s");
        }
        return (s / 3600) + "h" + ((s % 3600) / 60 == 0 ? "" : ((s % 3600) / 60) + "m");
    }
}
