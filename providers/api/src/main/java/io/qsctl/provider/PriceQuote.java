package io.qsctl.provider;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a set of backends costs, per hour, as the grid bills it, and until when the price holds:
 * a plan carries its quote, and apply refuses an expired one.
 */
public record PriceQuote(List<Line> lines, Tft hourly, Instant expires) {

    public static final long HOURS_PER_MONTH = 730;

    public PriceQuote {
        lines = List.copyOf(lines);
        Objects.requireNonNull(hourly, "hourly");
        Objects.requireNonNull(expires, "expires");
    }

    public Tft monthly() {
        return hourly.times(HOURS_PER_MONTH);
    }

    /** One backend's price. */
    public record Line(String backend, NodeId node, long size, Tft hourly) {
    }
}
