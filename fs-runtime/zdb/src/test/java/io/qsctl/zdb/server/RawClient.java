package io.qsctl.zdb.server;

import io.qsctl.zdb.resp.Reply;
import io.qsctl.zdb.resp.RespReplyParser;
import io.qsctl.zdb.resp.RespWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** A bare socket that sends exact bytes and reads replies: for protocol edge cases the client would not send. */
final class RawClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final RespReplyParser parser = new RespReplyParser(64 * 1024 * 1024);
    private ByteBuffer buffer = ByteBuffer.allocate(1 << 16).limit(0);

    RawClient(int port) {
        try {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(10_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    RawClient send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    RawClient send(String text) {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    RawClient command(Object... args) {
        RespWriter writer = new RespWriter();
        byte[][] encoded = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            encoded[i] = args[i] instanceof byte[] b ? b : String.valueOf(args[i]).getBytes(StandardCharsets.UTF_8);
        }
        writer.request(encoded);
        return send(writer.sink().toByteArray());
    }

    Reply reply() {
        try {
            while (true) {
                Optional<Reply> reply = parser.parse(buffer);
                if (reply.isPresent()) {
                    return reply.get();
                }
                if (buffer.capacity() - buffer.limit() < 4096) {
                    ByteBuffer bigger = ByteBuffer.allocate(buffer.capacity() * 2);
                    bigger.put(buffer).flip();
                    buffer = bigger;
                }
                byte[] chunk = new byte[buffer.capacity() - buffer.limit()];
                int n = in.read(chunk);
                if (n < 0) {
                    throw new IOException("connection closed by the server");
                }
                int position = buffer.position();
                buffer.position(buffer.limit()).limit(buffer.limit() + n);
                buffer.put(chunk, 0, n);
                buffer.position(position);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Reply call(Object... args) {
        return command(args).reply();
    }

    /**
     * Whether the server closed the connection: end of stream, or a reset, within a few seconds.
     * A connection the server keeps open answers false once the wait runs out.
     */
    boolean closedByServer() {
        try {
            socket.setSoTimeout(3_000);
            return in.read() < 0;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
