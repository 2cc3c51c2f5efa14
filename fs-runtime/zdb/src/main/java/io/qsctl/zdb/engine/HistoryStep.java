package io.qsctl.zdb.engine;

/** One version of a key, as HISTORY returns it; {@code parentCursor} is null for the oldest. */
public record HistoryStep(byte[] parentCursor, int timestamp, byte[] payload) {
}
