package io.qsctl.zdb.server;

import io.qsctl.zdb.engine.EngineEvent;
import io.qsctl.zdb.engine.FailedBatch;
import io.qsctl.zdb.engine.Namespace;
import io.qsctl.zdb.engine.ZdbEngine;
import io.qsctl.zdb.engine.ZdbError;
import io.qsctl.zdb.resp.RespProtocolException;
import io.qsctl.zdb.resp.RespRequestParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RESP server of a {@link ZdbEngine}, speaking 0-db's protocol on TCP and/or a unix socket.
 *
 * <p>One event-loop thread, as 0-db has. Each round reads what every ready client sent, runs all
 * complete requests, hands the round's writes to the kernel once ({@link ZdbEngine#flushBatches()}),
 * and only then sends the replies: many clients' writes share a system call, and nothing is
 * acknowledged before the kernel has it. When a namespace's writes of the round cannot be written
 * (a full disk), the engine takes them back and every reply that showed them becomes 0-db's error
 * ({@link UnflushedReplies}); the clients stay connected. A client that sends garbage, half a
 * request, a huge length or one byte at a time costs only itself: limits are checked before
 * anything is buffered, and a client that does not read its replies stops being read.
 */
public final class ZdbServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ZdbServer.class);
    /** A client with this much unsent output is not read from until it catches up. */
    private static final int OUTPUT_BACKLOG_LIMIT = 32 * 1024 * 1024;

    private final ZdbEngine engine;
    private final ServerSettings settings;
    private final Selector selector;
    private final ServerSocketChannel tcp;
    private final ServerSocketChannel unix;
    private final CommandTable table = Commands.table();
    /** By table index: whether the command's reply shows its namespace's keys as they are in memory. */
    private final boolean[] showsKeys = Commands.showingKeys(table);
    private final int delIndex = table.indexOf("DEL");
    private final UnflushedReplies unflushed = new UnflushedReplies();
    private final ServerStats stats;
    private final Waits waits = new Waits();
    private final Set<Connection> connections = new LinkedHashSet<>();
    private final Set<Connection> toFlush = new LinkedHashSet<>();
    private final List<Connection> woken = new ArrayList<>();
    private final Thread loop;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private long nextSessionId = 1;
    private long lastTick;
    private long tickFailures;

    private ZdbServer(ZdbEngine engine, ServerSettings settings) throws IOException {
        this.engine = engine;
        this.settings = settings;
        this.selector = Selector.open();
        this.stats = new ServerStats(clock().instant().getEpochSecond(), 1 + ThreadLocalRandom.current().nextInt(1 << 30));
        ServerSocketChannel tcpChannel = null;
        ServerSocketChannel unixChannel = null;
        try {
            if (settings.listensOnTcp()) {
                tcpChannel = ServerSocketChannel.open();
                tcpChannel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                tcpChannel.bind(new InetSocketAddress(settings.listenAddress(), settings.port()), 1024);
                tcpChannel.configureBlocking(false);
                tcpChannel.register(selector, SelectionKey.OP_ACCEPT);
            }
            if (settings.unixSocket().isPresent()) {
                Path socket = settings.unixSocket().get();
                Files.deleteIfExists(socket);
                unixChannel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                unixChannel.bind(UnixDomainSocketAddress.of(socket), 1024);
                unixChannel.configureBlocking(false);
                unixChannel.register(selector, SelectionKey.OP_ACCEPT);
            }
        } catch (IOException | RuntimeException e) {
            closeQuietly(tcpChannel);
            closeQuietly(unixChannel);
            selector.close();
            throw e;
        }
        this.tcp = tcpChannel;
        this.unix = unixChannel;
        if (settings.protect()) {
            engine.defaultNamespace();
        }
        this.loop = new Thread(this::run, "zdb-server-" + (tcp != null ? tcpPort() : "unix"));
    }

    /**
     * Binds, starts the event loop and fires the {@code ready} event. A failing {@code ready}
     * hook stops the server, as it aborts 0-db's start-up.
     */
    public static ZdbServer start(ZdbEngine engine, ServerSettings settings) {
        ZdbServer server;
        try {
            server = new ZdbServer(engine, settings);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + describe(settings) + ": " + e.getMessage(), e);
        }
        server.protectDefaultNamespace();
        server.loop.start();
        boolean ready = server.engine.events().publish(new EngineEvent.Ready());
        if (!ready && server.engine.events().hasHandlers()) {
            server.close();
            throw new IllegalStateException("the ready hook failed; not serving");
        }
        LOG.info("serving 0-db protocol on {}", describe(settings.withListen(settings.listenAddress(),
                server.tcp != null ? server.tcpPort() : settings.port())));
        return server;
    }

    private static String describe(ServerSettings settings) {
        List<String> where = new ArrayList<>();
        if (settings.listensOnTcp()) {
            where.add("tcp " + settings.listenAddress() + ":" + settings.port());
        }
        settings.unixSocket().ifPresent(p -> where.add("unix " + p));
        return String.join(" and ", where);
    }

    /** With --protect the default namespace takes the admin password (in memory), as 0-db does. */
    private void protectDefaultNamespace() {
        if (settings.protect()) {
            engine.protectDefault(settings.adminPassword());
        }
    }

    public ZdbEngine engine() {
        return engine;
    }

    public ServerSettings settings() {
        return settings;
    }

    /** The bound TCP port (useful with port 0). */
    public int tcpPort() {
        try {
            return ((InetSocketAddress) tcp.getLocalAddress()).getPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<Path> unixSocket() {
        return settings.unixSocket();
    }

    /** Clients connected now (for tests and metrics); read from another thread, so approximate. */
    public int connectionCount() {
        return connectionCount;
    }

    private volatile int connectionCount;

    ServerStats stats() {
        return stats;
    }

    CommandTable table() {
        return table;
    }

    Waits waits() {
        return waits;
    }

    Clock clock() {
        return engine.settings().clock();
    }

    long nowMillis() {
        return clock().millis();
    }

    // ------------------------------------------------------------------ the event loop

    private void run() {
        try {
            while (running) {
                long timeout = Math.max(1, Math.min(1000, waits.nextDeadline() - nowMillis()));
                selector.select(timeout);
                var selected = selector.selectedKeys();
                // one lock for the whole round; the namespaces' own (reentrant) locking is then free
                synchronized (engine) {
                    for (SelectionKey key : selected) {
                        handle(key);
                    }
                    selected.clear();
                    timers();
                    finishRound();
                }
            }
        } catch (IOException | RuntimeException e) {
            if (running) {
                LOG.error("event loop failed", e);
                // the closest thing to 0-db's crash hook (it fires on SIGSEGV): the loop is dead
                engine.events().publish(new EngineEvent.Crash());
            }
        } finally {
            shutdown();
            stopped.countDown();
        }
    }

    private void handle(SelectionKey key) {
        if (!key.isValid()) {
            return;
        }
        if (key.isAcceptable()) {
            accept((ServerSocketChannel) key.channel());
            return;
        }
        Connection connection = (Connection) key.attachment();
        try {
            if (key.isWritable()) {
                toFlush.add(connection);
            }
            if (key.isReadable()) {
                readAndRun(connection);
            }
        } catch (IOException e) {
            LOG.debug("client {} gone: {}", connection.session.id, e.toString());
            drop(connection);
        }
    }

    private void accept(ServerSocketChannel listener) {
        try {
            SocketChannel channel;
            while ((channel = listener.accept()) != null) {
                channel.configureBlocking(false);
                if (listener == tcp) {
                    channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
                }
                Session session = new Session(nextSessionId++);
                session.namespace = engine.defaultNamespace();
                session.admin = settings.adminPassword().isEmpty();
                session.writable = !settings.protect();
                SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
                Connection connection = new Connection(channel, key, session,
                        new RespRequestParser(settings.maxArgs(), settings.maxArgLength()));
                key.attach(connection);
                connections.add(connection);
                connectionCount = connections.size();
                stats.clientsLifetime++;
            }
        } catch (IOException e) {
            LOG.warn("accept failed: {}", e.toString());
        }
    }

    private void readAndRun(Connection connection) throws IOException {
        int n = connection.read();
        if (n < 0) {
            drop(connection);
            return;
        }
        stats.networkRx += n;
        runRequests(connection);
    }

    private void runRequests(Connection connection) {
        while (!connection.closing && !connection.waiting && connection.input.hasRemaining()) {
            RespRequestParser.Status status;
            try {
                status = connection.parser.parse(connection.input, connection.request);
            } catch (RespProtocolException e) {
                protocolError(connection, e);
                return;
            }
            if (status == RespRequestParser.Status.NEED_MORE) {
                break;
            }
            dispatch(connection);
        }
        connection.shrinkIdleInput();
        if (connection.pendingOutput() > 0) {
            toFlush.add(connection);
        }
    }

    private void protocolError(Connection connection, RespProtocolException e) {
        connection.writer.error(e.violation().zdbReply().orElse(e.getMessage()));
        connection.closing = true;
        connection.input.position(connection.input.limit());
        toFlush.add(connection);
    }

    private void dispatch(Connection connection) {
        Session session = connection.session;
        if (engine.isRemoved(session.namespace)) {
            connection.writer.error("Your active namespace is not available anymore (probably removed).");
            connection.closing = true;
            return;
        }
        stats.commandsExecuted++;
        int index = table.find(connection.request, 0);
        if (index < 0) {
            stats.commandsFailed++;
            connection.writer.error("Command not supported");
            return;
        }
        CommandTable.Entry entry = table.get(index);
        Namespace namespace = session.namespace;
        Call call = connection.call;
        if (call == null) {
            call = new Call(this, connection, connection.request);
            connection.call = call;
        }
        int replyStart = connection.output.size();
        try {
            entry.handler().handle(call);
        } catch (ZdbError e) {
            stats.commandsFailed++;
            connection.writer.error(e.getMessage());
        } catch (RuntimeException e) {
            stats.commandsFailed++;
            LOG.error("{} failed", entry.name(), e);
            connection.writer.error("Internal Error");
        }
        long batch = showsKeys[index] ? namespace.unflushedBatch() : -1;
        if (batch >= 0) {
            unflushed.add(connection, namespace, batch, replyStart, connection.output.size(), index == delIndex);
        }
        if (!waits.isEmpty()) {
            waits.ran(connection, namespace, index, entry.name(), woken);
        }
        if (anyMirror && !session.mirror) {
            mirror(connection, namespace, batch);
        }
    }

    private boolean anyMirror;

    /**
     * Sends a copy of a command to MIRROR clients: time, namespace, owner, then the arguments. A
     * copy of a command of an unflushed batch ({@code batch} ≥ 0) is dropped if the batch fails.
     */
    private void mirror(Connection from, Namespace namespace, long batch) {
        for (Connection c : connections) {
            if (c == from || !c.session.mirror) {
                continue;
            }
            int copyStart = c.output.size();
            var request = from.request;
            c.writer.arrayHeader(request.count() + 3);
            c.writer.integer(clock().instant().getEpochSecond());
            c.writer.bulk(namespace.name());
            c.writer.integer(from.session.id);
            for (int i = 0; i < request.count(); i++) {
                c.writer.bulk(request.array(), request.arrayOffset(i), request.length(i));
            }
            if (batch >= 0) {
                unflushed.addMirrorCopy(c, namespace, batch, copyStart, c.output.size());
            }
            toFlush.add(c);
        }
    }

    void mirroring() {
        anyMirror = true;
    }

    private void timers() {
        long now = nowMillis();
        if (!waits.isEmpty()) {
            waits.expire(now, woken);
        }
        if (now - lastTick >= 1000) {
            lastTick = now;
            try {
                engine.tick();
                if (tickFailures > 0) {
                    LOG.info("rotation timer works again after {} failed ticks", tickFailures);
                    tickFailures = 0;
                }
            } catch (RuntimeException e) {
                // Once per second while the cause lasts (a full disk can last hours): said once, then quietly.
                if (tickFailures++ == 0) {
                    LOG.error("rotation timer failed (repeats are logged at debug level until it works again)", e);
                } else {
                    LOG.debug("rotation timer failed again ({} in a row): {}", tickFailures, e.toString());
                }
            }
        }
    }

    /** Writes reach the kernel, then replies go out. */
    private void finishRound() {
        while (!woken.isEmpty()) {
            List<Connection> released = new ArrayList<>(woken);
            woken.clear();
            for (Connection connection : released) {
                toFlush.add(connection);
                // a client released from WAIT may have requests queued behind it
                runRequests(connection);
            }
        }
        List<FailedBatch> failed;
        try {
            failed = engine.flushBatches();
        } catch (RuntimeException e) {
            LOG.error("cannot flush writes; closing the clients of this round", e);
            for (Connection connection : toFlush) {
                drop(connection);
            }
            toFlush.clear();
            unflushed.clear();
            return;
        }
        if (!failed.isEmpty() && !unflushed.isEmpty()) {
            stats.commandsFailed += unflushed.answerFailed(failed);
        }
        unflushed.clear();
        for (Connection connection : toFlush) {
            flush(connection);
        }
        toFlush.clear();
    }

    private void flush(Connection connection) {
        if (connection.closed) {
            return;
        }
        try {
            int before = connection.pendingOutput();
            boolean done = connection.flushOutput();
            stats.networkTx += before - connection.pendingOutput();
            if (done && connection.closing) {
                drop(connection);
                return;
            }
            int interest = SelectionKey.OP_READ;
            if (!done) {
                interest |= SelectionKey.OP_WRITE;
            }
            if (connection.pendingOutput() > OUTPUT_BACKLOG_LIMIT || connection.closing) {
                interest &= ~SelectionKey.OP_READ;
            }
            if (connection.interest != interest) {
                // changing interest costs an epoll_ctl system call: only when it really changes
                connection.key.interestOps(interest);
                connection.interest = interest;
            }
        } catch (IOException e) {
            drop(connection);
        }
    }

    private void drop(Connection connection) {
        if (connection.closed) {
            return;
        }
        connection.closed = true;
        waits.forget(connection);
        connections.remove(connection);
        connectionCount = connections.size();
        connection.key.cancel();
        closeQuietly(connection.channel);
    }

    // ------------------------------------------------------------------ lifecycle

    /** Stops serving: closes the listeners and every client. The engine stays open. */
    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        selector.wakeup();
        if (Thread.currentThread() != loop) {
            try {
                if (loop.isAlive()) {
                    stopped.await();
                } else {
                    shutdown();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        engine.events().publish(new EngineEvent.Close());
    }

    private void shutdown() {
        try {
            engine.flush();
        } catch (RuntimeException e) {
            LOG.error("cannot flush on shutdown", e);
        }
        for (Connection connection : new ArrayList<>(connections)) {
            drop(connection);
        }
        closeQuietly(tcp);
        closeQuietly(unix);
        settings.unixSocket().ifPresent(p -> {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                LOG.debug("cannot remove {}", p);
            }
        });
        try {
            selector.close();
        } catch (IOException e) {
            LOG.debug("cannot close selector: {}", e.toString());
        }
    }

    private static void closeQuietly(java.nio.channels.Channel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("close failed: {}", e.toString());
        }
    }
}
