package io.qsctl.zdb.client;

import io.qsctl.zdb.resp.Printable;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One version of a key, from HISTORY.
 *
 * @param timestamp when this version was written, seconds since the epoch
 * @param payload the value of this version
 * @param older cursor to the version before, to pass to {@link ZdbConnection#history(byte[], byte[])};
 *     empty for the oldest version
 */
public record HistoryEntry(long timestamp, byte[] payload, Optional<byte[]> older) {

    public HistoryEntry {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(older, "older");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HistoryEntry h && timestamp == h.timestamp && Arrays.equals(payload, h.payload)
                && older.isPresent() == h.older.isPresent()
                && (older.isEmpty() || Arrays.equals(older.get(), h.older.get()));
    }

    @Override
    public int hashCode() {
        return Long.hashCode(timestamp) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "HistoryEntry[timestamp=" + timestamp + ", payload=" + Printable.of(payload)
                + ", older=" + older.map(Printable::of).orElse("none") + "]";
    }
}
