package io.qsctl.provider.local;

/** A farm as the embedded grid keeps it. */
record FarmRecord(long id, String name, long twin, boolean certified) {
}
