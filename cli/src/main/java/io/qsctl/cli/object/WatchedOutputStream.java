package io.qsctl.cli.object;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;

/**
 * An output stream that remembers the first error its destination raised. The store reports a
 * failed retrieve in its own terms ("cannot write segment … out"); the command needs to know
 * whether the destination failed (a full disk: name the file) or the store did.
 */
public final class WatchedOutputStream extends FilterOutputStream {

    private IOException failure;

    public WatchedOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        try {
            out.write(b);
        } catch (IOException e) {
            throw noted(e);
        }
    }

    @Override
    public void write(byte[] buffer, int offset, int length) throws IOException {
        try {
            out.write(buffer, offset, length);
        } catch (IOException e) {
            throw noted(e);
        }
    }

    @Override
    public void flush() throws IOException {
        try {
            out.flush();
        } catch (IOException e) {
            throw noted(e);
        }
    }

    /** The first error the destination raised, if any. */
    public Optional<IOException> failure() {
        return Optional.ofNullable(failure);
    }

    private IOException noted(IOException e) {
        if (failure == null) {
            failure = e;
        }
        return e;
    }
}
