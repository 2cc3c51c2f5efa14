package io.qsctl.zstor.meta;

/** Why a stored value under a metadata key is not a usable meta shard. */
public enum ShardDefect {
    /** Shorter than a header, or than the header says. */
    TRUNCATED("truncated"),
    /** Does not start with the meta shard magic: not written by this store. */
    NOT_A_META_SHARD("not a meta shard"),
    /** A format version this code does not read. */
    UNSUPPORTED_VERSION("unsupported format version"),
    /** Header fields that contradict each other or the rules (index past count, zero generation, unknown flags). */
    BAD_HEADER("inconsistent header"),
    /** The body length does not match the payload length and data count of the header. */
    BAD_LENGTH("wrong body length"),
    /** Written under another metadata key (its key id differs). */
    FOREIGN_KEY("written under another metadata key"),
    /** The authentication tag does not match: bytes changed, or the shard was moved from another record. */
    BAD_TAG("checksum mismatch"),
    /** Authentic, but coded for another number of backends or data shards than this store uses. */
    LAYOUT_MISMATCH("coded for another backend count");

    private final String description;

    ShardDefect(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
