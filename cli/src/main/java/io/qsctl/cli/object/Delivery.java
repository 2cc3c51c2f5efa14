package io.qsctl.cli.object;

import io.qsctl.cli.context.Signals;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;

/**
 * Writes one object to a {@link Destination}: {@link #open}, write, {@link #complete}, close.
 * Closing without completing removes whatever is partial. {@link #stop} may be called from a
 * signal handler at any moment, concurrently with the others.
 */
public sealed interface Delivery extends AutoCloseable permits FileDelivery, StreamDelivery {

    /** Opens the destination (a pipe's open waits for its reader) and returns where to write. */
    OutputStream open() throws IOException;

    /** Everything was written: makes the object visible at the destination. */
    void complete() throws IOException;

    /** The first error the destination raised, if any (the store words a failed write its own way). */
    Optional<IOException> failure();

    /** What a failed write left, the end of an error line: "no partial file was left". */
    String leftAfterFailure();

    /** Whether {@code error} means the reader of a pipe went away ({@code | head}). */
    boolean readerGone(IOException error);

    /**
     * A signal ends the get: removes what is partial, so that nothing is left that the process
     * would have removed, and returns the line that says where things stand and what to run.
     */
    String stop(Signals.Stop signal);

    @Override
    void close();
}
