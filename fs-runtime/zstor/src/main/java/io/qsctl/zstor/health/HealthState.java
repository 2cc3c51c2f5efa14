package io.qsctl.zstor.health;

/** What the store believes about one backend. */
public enum HealthState {
    /** Answers, has room, accepts writes. */
    HEALTHY,
    /** Does not answer, refuses the connection, or refuses our namespace or password. */
    UNREACHABLE,
    /** Its namespace is at its size limit or its disk is (nearly) full: readable, not writable. */
    FULL,
    /** Its namespace is locked (read-only) or frozen (no reads or writes) by its operator. */
    LOCKED,
    /** Reports I/O errors, returned chunks that fail their checksums, or is in the wrong key mode. */
    CORRUPT,
    /** Not seen yet, or not seen for a while. */
    UNKNOWN;

    /** Whether new shard chunks may be written there. */
    public boolean writable() {
        return this == HEALTHY || this == UNKNOWN;
    }

    /** Whether stored chunks may be read from there (a corrupt backend is asked last). */
    public boolean readable() {
        return this != UNREACHABLE;
    }

    /** Order of preference, best first, for reads and placement. */
    public int rank() {
        return switch (this) {
            case HEALTHY -> 0;
            case UNKNOWN -> 1;
            case FULL, LOCKED -> 2;
            case CORRUPT -> 3;
            case UNREACHABLE -> 4;
        };
    }
}
