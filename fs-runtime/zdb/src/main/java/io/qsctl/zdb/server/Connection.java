package io.qsctl.zdb.server;

import io.qsctl.zdb.resp.ByteSink;
import io.qsctl.zdb.resp.RespRequest;
import io.qsctl.zdb.resp.RespRequestParser;
import io.qsctl.zdb.resp.RespWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One client connection: its input buffer and parser, its queued replies, its session. Lives on
 * the event loop thread only.
 */
final class Connection {

    private static final int INITIAL_INPUT = 16 * 1024;
    /** A grown input buffer is kept up to this size, so a client sending 64 KiB values does not reallocate per request. */
    private static final int RETAINED_INPUT = 1024 * 1024;
    private static final int RETAINED_OUTPUT = 64 * 1024;

    final SocketChannel channel;
    final SelectionKey key;
    final Session session;
    final RespRequestParser parser;
    final RespRequest request = new RespRequest();
    final ByteSink output = new ByteSink(4096);
    final RespWriter writer = new RespWriter(output);
    /** Input in read mode: unparsed bytes between position and limit. */
    ByteBuffer input = ByteBuffer.allocate(INITIAL_INPUT).limit(0);
    /** The request context, made once the server knows this connection (see {@link Call}). */
    Call call;
    /** Bytes of {@link #output} already sent. */
    private int sent;
    /** Close once the queued replies are sent (after a protocol error). */
    boolean closing;
    /** A WAIT is pending: further requests wait until it is answered, so replies stay in order. */
    boolean waiting;
    boolean closed;
    /** The interest set last given to the selector. */
    int interest = SelectionKey.OP_READ;

    Connection(SocketChannel channel, SelectionKey key, Session session, RespRequestParser parser) {
        this.channel = channel;
        this.key = key;
        this.session = session;
        this.parser = parser;
    }

    /** Reads what the socket has; returns bytes read, -1 at end of stream. */
    int read() throws IOException {
        int needed = parser.inProgress() ? parser.requiredBytes() : 0;
        if (input.position() > 0 && (input.capacity() - input.limit() < 4096 || needed > input.capacity() - input.position())) {
            input.compact().flip();
        }
        if (needed > input.capacity() || input.capacity() - input.limit() < 1024) {
            int capacity = Math.max(input.capacity() * 2, needed + 4096);
            ByteBuffer bigger = ByteBuffer.allocate(capacity);
            bigger.put(input).flip();
            input = bigger;
        }
        int readMode = input.position();
        input.position(input.limit()).limit(input.capacity());
        int n = channel.read(input);
        input.limit(input.position()).position(readMode);
        return n;
    }

    /** Lets a grown input buffer go once it is empty again. */
    void shrinkIdleInput() {
        if (!input.hasRemaining() && input.capacity() > RETAINED_INPUT) {
            input = ByteBuffer.allocate(INITIAL_INPUT).limit(0);
        }
    }

    int pendingOutput() {
        return output.size() - sent;
    }

    /** Writes queued replies; returns true when all are sent. */
    boolean flushOutput() throws IOException {
        if (pendingOutput() == 0) {
            return true;
        }
        ByteBuffer view = ByteBuffer.wrap(output.array(), sent, output.size() - sent);
        channel.write(view);
        sent = view.position();
        if (sent == output.size()) {
            output.clear(RETAINED_OUTPUT);
            sent = 0;
            return true;
        }
        if (sent > output.size() / 2) {
            output.discardFirst(sent);
            sent = 0;
        }
        return false;
    }
}
