package io.qsctl.zdb.client;

import io.qsctl.zdb.resp.ByteSink;
import io.qsctl.zdb.resp.Reply;
import io.qsctl.zdb.resp.RespProtocolException;
import io.qsctl.zdb.resp.RespReplyParser;
import io.qsctl.zdb.resp.RespWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live connection speaking RESP: sends a batch of requests and reads one reply per request,
 * in order. Requests are encoded a chunk at a time while earlier ones are still on their way, and
 * replies are read as soon as they come, so a batch of any size needs bounded memory here and
 * cannot deadlock against a server that stops reading while its replies pile up.
 *
 * <p>Any failure (I/O error, timeout, malformed reply) closes the wire for good: after it the
 * stream is out of step, and a late reply would pass for the answer to the next command.
 */
final class ZdbWire implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ZdbWire.class);

    /** Encode at most this much ahead of the socket. */
    private static final int OUTPUT_CHUNK = 256 * 1024;
    /** Keep the output array between batches only up to this size. */
    private static final int RETAINED_OUTPUT = 1024 * 1024;
    private static final int INPUT_BUFFER = 64 * 1024;
    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);

    private final ZdbEndpoint endpoint;
    private final ChannelIo io;
    private final RespReplyParser parser;
    private final RespWriter writer = new RespWriter(new ByteSink(4096));
    private ByteBuffer input = ByteBuffer.allocate(INPUT_BUFFER).flip();
    private boolean open = true;

    private ZdbWire(ZdbEndpoint endpoint, ChannelIo io, int maxBulkLength) {
        this.endpoint = endpoint;
        this.io = io;
        this.parser = new RespReplyParser(maxBulkLength);
    }

    static ZdbWire connect(ZdbClientConfig config) {
        ChannelIo io = ChannelIo.connect(config.endpoint(), config.connectTimeout());
        return new ZdbWire(config.endpoint(), io, config.maxReplyBulkLength());
    }

    boolean isOpen() {
        return open;
    }

    /** Sends one request and reads its reply. */
    Reply exchange(byte[][] request, Duration idleTimeout) {
        return exchange(List.<byte[][]>of(request), idleTimeout).get(0);
    }

    /**
     * Sends every request and returns one reply per request, error replies included.
     *
     * @param idleTimeout longest stretch without a byte moving either way
     * @throws ZdbConnectionException if the connection broke
     * @throws ZdbTimeoutException if the server stalled for {@code idleTimeout}
     * @throws ZdbProtocolException if a reply is not valid RESP or breaks a limit
     */
    List<Reply> exchange(List<byte[][]> requests, Duration idleTimeout) {
        if (!open) {
            throw new ZdbConnectionException("connection to " + endpoint + " is closed");
        }
        int total = requests.size();
        List<Reply> replies = new ArrayList<>(total);
        ByteSink sink = writer.sink();
        ByteBuffer out = NOTHING;
        int encoded = 0;
        long idle = idleTimeout.toNanos();
        long lastProgress = System.nanoTime();
        try {
            while (true) {
                Optional<Reply> reply;
                while (replies.size() < total && (reply = parser.parse(input)).isPresent()) {
                    replies.add(reply.get());
                }
                if (replies.size() == total) {
                    finishBatch(encoded < total || out.hasRemaining());
                    return replies;
                }
                if (!out.hasRemaining() && encoded < total) {
                    sink.clear();
                    while (encoded < total && sink.size() < OUTPUT_CHUNK) {
                        writer.request(requests.get(encoded++));
                    }
                    out = ByteBuffer.wrap(sink.array(), 0, sink.size());
                }
                boolean progressed = out.hasRemaining() && io.writeNow(out) > 0;
                if (readAvailable() > 0) {
                    progressed = true;
                }
                if (progressed) {
                    lastProgress = System.nanoTime();
                    continue;
                }
                long left = lastProgress + idle - System.nanoTime();
                if (left <= 0) {
                    throw new ZdbTimeoutException("no reply from " + endpoint + " within " + idleTimeout.toMillis() + " ms ("
                            + describe(requests, replies.size()) + ")");
                }
                io.await(out.hasRemaining(), left);
            }
        } catch (IOException e) {
            close();
            throw new ZdbConnectionException("connection to " + endpoint + " failed during "
                    + describe(requests, replies.size()) + ": " + ChannelIo.describe(e), e);
        } catch (RespProtocolException e) {
            close();
            throw new ZdbProtocolException(endpoint + " sent an invalid reply to " + describe(requests, replies.size())
                    + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close();
            throw e;
        } finally {
            sink.clear(RETAINED_OUTPUT);
        }
    }

    /** Reads what the socket has into the input buffer; throws at end of stream. */
    private int readAvailable() throws IOException {
        input.compact();
        try {
            if (!input.hasRemaining()) {
                // a single reply line longer than the buffer: the parser bounds how long
                ByteBuffer larger = ByteBuffer.allocate(input.capacity() * 2);
                input.flip();
                larger.put(input);
                input = larger;
            }
            int read = io.readNow(input);
            if (read < 0) {
                throw new ZdbConnectionException("server " + endpoint + " closed the connection");
            }
            return read;
        } finally {
            input.flip();
        }
    }

    private void finishBatch(boolean unsentRequests) {
        if (unsentRequests || input.hasRemaining() || parser.inProgress()) {
            // replies for requests never sent, or bytes nobody asked for: the stream cannot be trusted
            log.warn("{} sent more replies than requests; dropping the connection", endpoint);
            close();
        }
        if (input.capacity() > INPUT_BUFFER && !input.hasRemaining()) {
            input = ByteBuffer.allocate(INPUT_BUFFER).flip();
        }
    }

    private static String describe(List<byte[][]> requests, int answered) {
        if (requests.size() == 1) {
            return Calls.commandName(requests.get(0)[0]);
        }
        return "a pipeline of " + requests.size() + " commands, " + answered + " answered";
    }

    @Override
    public void close() {
        open = false;
        io.close();
    }
}
