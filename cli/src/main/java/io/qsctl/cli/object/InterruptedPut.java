package io.qsctl.cli.object;

import io.qsctl.cli.context.Signals;
import io.qsctl.common.Sizes;
import io.qsctl.common.QsctlException;
import io.qsctl.zstor.store.StoreResult;

/**
 * What {@code object put} says when SIGINT or SIGTERM stops it: whether anything was stored,
 * what became of the shard chunks already sent, and what to run. An object exists only once its
 * metadata record is written, the store's last step, after the whole input was read; so before
 * the input's end nothing can have been stored.
 */
public final class InterruptedPut {

    /** Said of chunks the store could not delete: nothing sweeps them yet (docs/zstor.md, "Not done yet"). */
    private static final String UNREFERENCED = "unreferenced: nothing lists, reads or removes them yet";

    private InterruptedPut() {
    }

    /** Before a single chunk was sent (opening the cluster, waiting for the store's lock). */
    public static String beforeSending(Signals.Stop signal) {
        return "object put interrupted (" + signal + ") before it sent anything: nothing was stored";
    }

    /** The put stopped itself: the store deleted the chunks it had sent. */
    public static QsctlException nothingStored(Signals.Stop signal, Throwable cause) {
        return new QsctlException(signal.exitCode(), "object put interrupted (" + signal + "): nothing was stored, "
                + "and the shard chunks it had sent were deleted (any on a backend that did not answer stay there, "
                + UNREFERENCED + "); run the same put again to store the file", cause);
    }

    /** The signal came after the store had read its input to the end and committed the object. */
    public static QsctlException storedAnyway(Signals.Stop signal, StoreResult stored, String specName) {
        return new QsctlException(signal.exitCode(), "object put interrupted (" + signal + ") after it had stored object "
                + stored.id() + " (" + Sizes.human(stored.size()) + ", all the input it had read): `qsctl object delete -f "
                + specName + " " + stored.id() + "` removes it");
    }

    /** A second signal ended the put before it could clean up. */
    public static String stoppedAtOnce(Signals.Stop signal, boolean inputEnded, String specName) {
        if (inputEnded) {
            return "object put stopped at once (a second " + signal + ") while it stored its last stripes: run `qsctl "
                    + "object list -f " + specName + "` to see whether the object was stored";
        }
        return "object put stopped at once (a second " + signal + "): nothing was stored; the shard chunks it had sent "
                + "stay on the backends, " + UNREFERENCED;
    }
}
