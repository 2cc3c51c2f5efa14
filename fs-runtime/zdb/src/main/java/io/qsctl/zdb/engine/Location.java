package io.qsctl.zdb.engine;

/** A (file id, offset) pair packed in a long, both unsigned 32-bit as on disk. */
final class Location {

    static final long NONE = 0L;

    private Location() {
    }

    static long of(int fileId, int offset) {
        return ((long) fileId << 32) | (offset & 0xFFFF_FFFFL);
    }

    static int fileId(long location) {
        return (int) (location >>> 32);
    }

    static int offset(long location) {
        return (int) location;
    }
}
