package io.qsctl.zstor.store;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a stream stripe by stripe, as chunk-sized arrays. It reads one byte ahead after every
 * full chunk, so the last chunk is known (and flagged final) even when the size was not.
 *
 * <p>Why arrays of one chunk and not one array per stripe: a stripe is 16 MiB, which G1 must
 * place in contiguous "humongous" regions; chunks of 256 KiB are ordinary young objects, cheap
 * to collect, and a small heap does not fragment.
 */
final class StripeInput {

    private final InputStream in;
    private final int chunkSize;
    private int lookahead = -1;
    private boolean ended;

    StripeInput(InputStream in, int chunkSize) {
        this.in = in;
        this.chunkSize = chunkSize;
    }

    /** The plaintext of one stripe. */
    record PlainStripe(List<byte[]> chunks, boolean last) {

        long length() {
            long length = 0;
            for (byte[] chunk : chunks) {
                length += chunk.length;
            }
            return length;
        }
    }

    /** Up to {@code maxChunks} chunks; every chunk but the segment's last is full. */
    PlainStripe next(int maxChunks) throws IOException {
        List<byte[]> chunks = new ArrayList<>(maxChunks);
        while (chunks.size() < maxChunks && !ended) {
            byte[] chunk = new byte[chunkSize];
            int filled = fill(chunk);
            if (filled < chunkSize) {
                if (filled > 0 || chunks.isEmpty()) {
                    chunks.add(Arrays.copyOf(chunk, filled));
                }
                break;
            }
            chunks.add(chunk);
        }
        return new PlainStripe(chunks, ended);
    }

    private int fill(byte[] buffer) throws IOException {
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
}
