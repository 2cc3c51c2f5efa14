package io.qsctl.zstor.store;

/**
 * A segment was refused, or stopped, because the backends it needs have no room for it: it needs
 * more than {@code roomPerBackend} bytes on each of them. Nothing of it is left behind.
 */
public final class NoRoomException extends StoreFailedException {

    private final long neededAtLeast;
    private final long roomPerBackend;

    public NoRoomException(String message, long neededAtLeast, long roomPerBackend) {
        super(message);
        this.neededAtLeast = neededAtLeast;
        this.roomPerBackend = roomPerBackend;
    }

    /** Bytes per backend the segment was known to need when it was stopped (it may need more). */
    public long neededAtLeast() {
        return neededAtLeast;
    }

    /** Bytes per backend there was room for. */
    public long roomPerBackend() {
        return roomPerBackend;
    }
}
