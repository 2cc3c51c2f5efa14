package io.qsctl.zstor.store;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a stream stripe by stripe and knows, when a stripe is full, whether anything follows: it
 * reads one byte ahead, so the last chunk is flagged final even when the size was not known.
 */
final class StripeInput {

    private final InputStream in;
    private int lookahead = -1;
    private boolean ended;

    StripeInput(InputStream in) {
        this.in = in;
    }

    /** Fills {@code buffer} as far as the stream goes; returns the bytes read. */
    int fill(byte[] buffer) throws IOException {
        int filled = 0;
        if (lookahead >= 0) {
            buffer[filled++] = (byte) lookahead;
            lookahead = -1;
        }
        while (filled < buffer.length) {
            int read = in.read(buffer, filled, buffer.length - filled);
            if (read < 0) {
                ended = true;
                return filled;
            }
            filled += read;
        }
        int next = in.read();
        if (next < 0) {
            ended = true;
        } else {
            lookahead = next;
        }
        return filled;
    }

    /** Whether the last {@link #fill} reached the end of the stream. */
    boolean ended() {
        return ended;
    }
}
