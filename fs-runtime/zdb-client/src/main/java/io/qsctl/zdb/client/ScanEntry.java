package io.qsctl.zdb.client;

import io.qsctl.zdb.resp.Printable;
import java.util.Arrays;
import java.util.Objects;

/**
 * One key of a SCAN page.
 *
 * @param key the key (in seq mode, the 8-byte little-endian id)
 * @param size payload size in bytes
 * @param timestamp last update, seconds since the epoch
 */
public record ScanEntry(byte[] key, long size, long timestamp) {

    public ScanEntry {
        Objects.requireNonNull(key, "key");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ScanEntry e && size == e.size && timestamp == e.timestamp && Arrays.equals(key, e.key);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(key) + Long.hashCode(size * 31 + timestamp);
    }

    @Override
    public String toString() {
        return "ScanEntry[key=" + Printable.of(key) + ", size=" + size + ", timestamp=" + timestamp + "]";
    }
}
