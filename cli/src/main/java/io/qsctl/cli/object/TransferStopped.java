package io.qsctl.cli.object;

import java.io.IOException;

/**
 * What a transfer's stream throws once SIGINT or SIGTERM asked the transfer to stop: the store
 * then fails the way it fails for any broken stream, and cleans up the same way (a put deletes
 * the chunks it sent, a get leaves no file).
 */
public final class TransferStopped extends IOException {

    public TransferStopped() {
        super("stopped by a signal");
    }

    /** Whether {@code error} or one of its causes is a stop. */
    public static boolean causedBy(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof TransferStopped) {
                return true;
            }
        }
        return false;
    }
}
