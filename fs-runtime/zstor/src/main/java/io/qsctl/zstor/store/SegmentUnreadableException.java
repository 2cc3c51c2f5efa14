package io.qsctl.zstor.store;

import io.qsctl.common.ExitCode;
import io.qsctl.common.QsctlException;

/** Fewer good shards remain for a stripe than the code needs: the segment cannot be read now. */
public final class SegmentUnreadableException extends QsctlException {

    private final String segment;
    private final int stripe;
    private final int readable;
    private final int needed;
    private final int total;

    public SegmentUnreadableException(String segment, int stripe, int readable, int needed, int total, String detail) {
        super(ExitCode.ERROR, "cannot read segment " + segment + ": stripe " + stripe + " has " + readable + " of "
                + total + " shards readable but " + needed + " are needed; " + (total - readable)
                + " shards are missing (" + detail + ")");
        this.segment = segment;
        this.stripe = stripe;
        this.readable = readable;
        this.needed = needed;
        this.total = total;
    }

    public String segment() {
        return segment;
    }

    public int stripe() {
        return stripe;
    }

    public int readable() {
        return readable;
    }

    public int needed() {
        return needed;
    }

    public int missing() {
        return total - readable;
    }
}
