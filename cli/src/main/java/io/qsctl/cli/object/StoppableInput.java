package io.qsctl.cli.object;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;

/**
 * The input of a put, read ahead on a thread of its own so that {@link #stop()} ends even a read
 * that waits on a terminal or a pipe that sends nothing: the store's next read throws
 * {@link TransferStopped}, and the store deletes the chunks it sent, as it does when any input
 * fails. A read that already returned is not taken back; {@link #reachedEnd()} says whether the
 * store has seen the end, after which it may be committing the object.
 */
public final class StoppableInput extends InputStream {

    private static final int CHUNK = 256 * 1024;
    private static final int CHUNKS_AHEAD = 4;
    private static final Object END = new Object();
    private static final Object STOP = new Object();

    private final InputStream source;
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Semaphore room = new Semaphore(CHUNKS_AHEAD);
    private final Thread pump;
    private volatile boolean stopped;
    private volatile boolean reachedEnd;
    private byte[] current;
    private int position;

    public StoppableInput(InputStream source) {
        this.source = source;
        // a daemon: after a stop it may stay blocked reading a terminal, which must not keep the JVM alive
        this.pump = new Thread(this::pump, "qsctl-put-input");
        pump.setDaemon(true);
        pump.start();
    }

    /** Makes the next read, or the one waiting now, throw {@link TransferStopped}. */
    public void stop() {
        stopped = true;
        queue.add(STOP);
    }

    /** Whether the reader has seen the end of the input. */
    public boolean reachedEnd() {
        return reachedEnd;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (current == null || position == current.length) {
            if (reachedEnd) {
                return -1;
            }
            Object next = take();
            if (next == END) {
                reachedEnd = true;
                return -1;
            }
            if (next instanceof IOException failure) {
                throw failure;
            }
            current = (byte[]) next;
            position = 0;
            room.release();
        }
        if (stopped) {
            throw new TransferStopped();
        }
        int n = Math.min(length, current.length - position);
        System.arraycopy(current, position, buffer, offset, n);
        position += n;
        return n;
    }

    private Object take() throws IOException {
        if (stopped) {
            throw new TransferStopped();
        }
        try {
            Object next = queue.take();
            if (next == STOP) {
                throw new TransferStopped();
            }
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading the input");
        }
    }

    private void pump() {
        try {
            while (true) {
                room.acquire();
                byte[] buffer = new byte[CHUNK];
                int n = source.read(buffer);
                if (n < 0) {
                    queue.add(END);
                    return;
                }
                queue.add(n == CHUNK ? buffer : Arrays.copyOf(buffer, n));
            }
        } catch (IOException e) {
            queue.add(e);
        } catch (InterruptedException e) {
            // closed: nobody reads any more
        }
    }

    /** Ends the read-ahead and closes the source. */
    @Override
    public void close() throws IOException {
        pump.interrupt();
        source.close();
    }
}
