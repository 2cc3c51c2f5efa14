package io.qsctl.zdb.client;

import io.qsctl.zdb.resp.Printable;
import java.util.List;
import java.util.Objects;

/**
 * One SCAN (or RSCAN) answer. 0-db bounds a page by time, not by count, so its size says nothing
 * about how much is left; the walk ends when the next call answers "No more data" (an empty
 * Optional from {@link ZdbConnection#scan(byte[])}).
 *
 * @param cursor opaque cursor to pass to the next SCAN
 * @param entries the keys, in insertion order (reverse order for RSCAN)
 */
public record ScanPage(byte[] cursor, List<ScanEntry> entries) {

    public ScanPage {
        Objects.requireNonNull(cursor, "cursor");
        entries = List.copyOf(entries);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ScanPage p && java.util.Arrays.equals(cursor, p.cursor) && entries.equals(p.entries);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Arrays.hashCode(cursor) + entries.hashCode();
    }

    @Override
    public String toString() {
        return "ScanPage[cursor=" + Printable.of(cursor) + ", entries=" + entries.size() + "]";
    }
}
