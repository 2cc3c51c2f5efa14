package io.qsctl.cli.object;

import io.qsctl.cli.context.Signals;
import io.qsctl.common.IoReasons;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Writes straight into standard output, a device or a pipe, as a shell redirection does: no
 * temporary file, no rename, nothing replaced. What a failed or interrupted get wrote there stays
 * written; the message says it is incomplete.
 */
final class StreamDelivery implements Delivery {

    private enum State { READY, OPEN, DONE }

    private final Destination destination;
    private final boolean pipe;
    private volatile State state = State.READY;
    private OutputStream opened;
    private WatchedOutputStream watched;

    StreamDelivery(Destination.Descriptor descriptor) {
        this.destination = descriptor;
        this.pipe = descriptor.pipe();
    }

    StreamDelivery(Destination.Stream stream) {
        this.destination = stream;
        this.pipe = stream.pipe();
    }

    @Override
    public OutputStream open() throws IOException {
        if (destination instanceof Destination.Stream stream) {
            // TRUNCATE_EXISTING as '>' does: nothing for a device or a pipe, a fresh start for a
            // regular file behind /proc/self/fd/N
            opened = Files.newOutputStream(stream.path(), StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            watched = new WatchedOutputStream(opened);
        } else {
            // never closed: the descriptor is the process's own, and other output may follow
            watched = new WatchedOutputStream(new FileOutputStream(((Destination.Descriptor) destination).descriptor()));
        }
        state = State.OPEN;
        return watched;
    }

    @Override
    public void complete() throws IOException {
        watched.flush();
        if (opened != null) {
            opened.close();
            opened = null;
        }
        state = State.DONE;
    }

    @Override
    public Optional<IOException> failure() {
        return watched == null ? Optional.empty() : watched.failure();
    }

    @Override
    public String leftAfterFailure() {
        return "what " + destination.shown() + " received is incomplete";
    }

    @Override
    public boolean readerGone(IOException error) {
        // writing into a pipe fails only when its reader is gone (EPIPE); elsewhere trust the words
        return pipe || "Broken pipe".equals(IoReasons.of(error));
    }

    @Override
    public String stop(Signals.Stop signal) {
        String shown = destination.shown();
        return switch (state) {
            case READY -> "object get interrupted (" + signal + ") before it wrote anything to " + shown;
            case OPEN -> "object get interrupted (" + signal + "): what " + shown + " received is incomplete; run the "
                    + "same get again to read the whole object";
            case DONE -> "object get interrupted (" + signal + ") after " + shown + " had received the whole object";
        };
    }

    @Override
    public void close() {
        if (opened != null) {
            try {
                opened.close();
            } catch (IOException e) {
                // only after a failed get (complete() closes it otherwise): that failure is the one reported
            }
        }
    }
}
