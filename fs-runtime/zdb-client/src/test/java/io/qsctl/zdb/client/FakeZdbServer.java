package io.qsctl.zdb.client;

import io.qsctl.zdb.resp.RespProtocolException;
import io.qsctl.zdb.resp.RespRequest;
import io.qsctl.zdb.resp.RespRequestParser;
import io.qsctl.zdb.resp.RespWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted RESP server on loopback, for testing the client without a real 0-db: each command
 * name maps to a handler that writes the reply. It records every request, can drop every
 * connection (to test reconnects) and knows 0-db's challenge login out of the box.
 */
final class FakeZdbServer implements AutoCloseable {

    /** Writes the reply to one request. */
    @FunctionalInterface
    interface Handler {
        void handle(List<byte[]> args, RespWriter out, Session session);
    }

    /** Per-connection state, as 0-db keeps it. */
    static final class Session {
        String namespace = "default";
        String nonce;
        boolean admin;
    }

    static final String NONCE = "9f2c41d0a7";

    private final ServerSocket server;
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private final Map<String, String> namespacePasswords = new ConcurrentHashMap<>();
    private final List<List<String>> received = new CopyOnWriteArrayList<>();
    private final List<Socket> clients = new CopyOnWriteArrayList<>();
    // Closing a socket another thread is reading can still hand that thread bytes that arrive
    // in the instant before the close lands; a dropped connection must not serve them.
    private final Set<Socket> dropped = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile String adminPassword;
    private volatile boolean secureSupported = true;

    private FakeZdbServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        on("PING", (args, out, session) -> out.simpleString("PONG"));
        on("AUTH", this::auth);
        on("SELECT", this::select);
        Thread acceptor = new Thread(this::acceptLoop, "fake-zdb-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static FakeZdbServer start() {
        try {
            return new FakeZdbServer();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    int port() {
        return server.getLocalPort();
    }

    /** A config for this server that fails fast. */
    ZdbClientConfig config() {
        return ZdbClientConfig.tcp("127.0.0.1", port())
                .withCommandTimeout(Duration.ofSeconds(5))
                .withReconnect(new ReconnectPolicy(2, Duration.ofMillis(10), Duration.ofMillis(10)));
    }

    FakeZdbServer on(String command, Handler handler) {
        handlers.put(command, handler);
        return this;
    }

    /** A namespace that SELECT accepts with this password (plain or SECURE); "" for none. */
    FakeZdbServer namespace(String name, String password) {
        namespacePasswords.put(name, password);
        return this;
    }

    FakeZdbServer adminPassword(String password) {
        adminPassword = password;
        return this;
    }

    /** Behave like an old 0-db that knows only {@code AUTH password}. */
    FakeZdbServer withoutSecureChallenge() {
        secureSupported = false;
        return this;
    }

    /** Every request so far, arguments as ISO-8859-1 text. */
    List<List<String>> received() {
        return List.copyOf(received);
    }

    List<String> commandNames() {
        List<String> names = new ArrayList<>();
        for (List<String> request : received) {
            names.add(request.get(0).toUpperCase());
        }
        return names;
    }

    /** Whether any request carried {@code text} as an argument. */
    boolean sawArgument(String text) {
        return received.stream().anyMatch(request -> request.contains(text));
    }

    int connectionsAccepted() {
        return accepted.get();
    }

    /** Closes every client socket, as a server restart would. */
    void dropConnections() {
        for (Socket client : clients) {
            dropped.add(client);
            try {
                client.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
        clients.clear();
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // nothing to do
        }
        dropConnections();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (closed) {
                    client.close();
                    return;
                }
                accepted.incrementAndGet();
                clients.add(client);
                Thread serving = new Thread(() -> serve(client), "fake-zdb-client");
                serving.setDaemon(true);
                serving.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        RespRequestParser parser = new RespRequestParser();
        RespRequest request = new RespRequest();
        RespWriter writer = new RespWriter();
        Session session = new Session();
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16).flip();
        try (client; InputStream in = client.getInputStream(); OutputStream out = client.getOutputStream()) {
            while (true) {
                while (parser.parse(buffer, request) == RespRequestParser.Status.COMPLETE) {
                    List<byte[]> args = new ArrayList<>();
                    List<String> text = new ArrayList<>();
                    for (int i = 0; i < request.count(); i++) {
                        args.add(request.copyArg(i));
                        text.add(new String(args.get(i), StandardCharsets.ISO_8859_1));
                    }
                    received.add(text);
                    Handler handler = handlers.get(text.get(0).toUpperCase());
                    if (handler == null) {
                        writer.error("Command not supported");
                    } else {
                        handler.handle(args, writer, session);
                    }
                }
                if (!writer.sink().isEmpty()) {
                    writer.sink().writeTo(out);
                    out.flush();
                    writer.sink().clear();
                }
                if (buffer.capacity() < parser.requiredBytes()) {
                    ByteBuffer larger = ByteBuffer.allocate(parser.requiredBytes());
                    larger.put(buffer).flip();
                    buffer = larger;
                }
                buffer.compact();
                int read = in.read(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
                if (read < 0 || dropped.contains(client)) {
                    return;
                }
                buffer.position(buffer.position() + read).flip();
            }
        } catch (IOException | RespProtocolException e) {
            // the client went away or spoke nonsense: end this connection
        }
    }

    private void auth(List<byte[]> args, RespWriter out, Session session) {
        String first = text(args, 1);
        if (args.size() == 3 && first.equalsIgnoreCase("SECURE") && secureSupported) {
            if (text(args, 2).equalsIgnoreCase("CHALLENGE")) {
                session.nonce = NONCE;
                out.simpleString(NONCE);
                return;
            }
            boolean granted = adminPassword != null && session.nonce != null
                    && text(args, 2).equals(SecureAuth.hash(session.nonce, adminPassword));
            session.nonce = null;
            reply(out, session, granted);
            return;
        }
        if (args.size() == 2) {
            reply(out, session, first.equals(adminPassword));
            return;
        }
        out.error("Unexpected arguments");
    }

    private static void reply(RespWriter out, Session session, boolean granted) {
        if (granted) {
            session.admin = true;
            out.ok();
        } else {
            out.error("Access denied");
        }
    }

    private void select(List<byte[]> args, RespWriter out, Session session) {
        String name = text(args, 1);
        String password = namespacePasswords.get(name);
        if (password == null && !name.equals("default")) {
            out.error("Namespace not found");
            return;
        }
        boolean granted;
        if (password == null || password.isEmpty()) {
            granted = true;
        } else if (args.size() == 3) {
            granted = text(args, 2).equals(password);
        } else if (args.size() == 4 && secureSupported) {
            granted = session.nonce != null && text(args, 3).equals(SecureAuth.hash(session.nonce, password));
        } else {
            out.error("Namespace protected and private");
            return;
        }
        if (!granted) {
            out.error("Access denied");
            return;
        }
        session.namespace = name;
        out.ok();
    }

    static String text(List<byte[]> args, int i) {
        return i < args.size() ? new String(args.get(i), StandardCharsets.ISO_8859_1) : "";
    }

    /** A handler that always writes the same bytes, for replies the writer cannot express. */
    static Handler raw(String reply) {
        byte[] bytes = reply.getBytes(StandardCharsets.ISO_8859_1);
        return (args, out, session) -> out.sink().write(bytes);
    }
}
