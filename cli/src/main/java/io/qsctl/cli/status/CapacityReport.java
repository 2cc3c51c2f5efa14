package io.qsctl.cli.status;

import io.qsctl.zstor.store.WriteRoom;
import java.util.Objects;

/**
 * Used and free space of the data backends, and what that means for objects.
 *
 * @param usedBytes bytes the data backends that answered hold (shards: data and parity, with headers)
 * @param limitBytes their size limits added up
 * @param answered data backends that said how full they are
 * @param dataBackends data backends in service
 * @param room what the writable ones have free, and the arithmetic of what fits
 */
public record CapacityReport(long usedBytes, long limitBytes, int answered, int dataBackends, WriteRoom room) {

    public CapacityReport {
        Objects.requireNonNull(room, "room");
    }

    /** Raw free space on the data backends that take writes. */
    public long freeBytes() {
        long total = 0;
        for (long free : room.freeBytes()) {
            total = total > Long.MAX_VALUE - free ? Long.MAX_VALUE : total + free;
        }
        return total;
    }

    /** About how many more bytes of objects fit, if nothing compresses. */
    public long usableBytes() {
        return room.usableBytes();
    }

    /** The largest object one put can store now, if nothing of it compresses. */
    public long largestObjectBytes() {
        return room.largestObject();
    }
}
