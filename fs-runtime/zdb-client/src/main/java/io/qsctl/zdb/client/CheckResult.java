package io.qsctl.zdb.client;

/** What CHECK found for a key: 0-db re-reads the payload and compares its CRC32C. */
public enum CheckResult {
    /** The stored payload matches its checksum. */
    VALID,
    /** The payload on disk no longer matches its checksum. */
    CORRUPTED,
    /** The payload could not be read at all (say, an offloaded data file that was not restored). */
    UNREADABLE,
    /** No such key (or it was deleted). */
    MISSING
}
