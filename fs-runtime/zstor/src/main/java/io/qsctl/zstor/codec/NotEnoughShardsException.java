package io.qsctl.zstor.codec;

import io.qsctl.common.ExitCode;
import io.qsctl.common.QsctlException;

/** Fewer shards survive than the code needs to rebuild the data. */
public final class NotEnoughShardsException extends QsctlException {

    private final int needed;
    private final int present;

    public NotEnoughShardsException(int needed, int present, int total) {
        super(ExitCode.ERROR, present + " of " + total + " shards are available but " + needed + " are needed ("
                + (needed - present) + " missing beyond what parity covers)");
        this.needed = needed;
        this.present = present;
    }

    public int needed() {
        return needed;
    }

    public int present() {
        return present;
    }
}
