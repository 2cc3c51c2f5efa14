package io.qsctl.zdb.engine;

/** A data entry as DATA RAW returns it, for replication; the payload is empty for a deletion. */
public record RawEntry(byte[] key, int previous, int crc, int flags, int timestamp, byte[] payload) {
}
