package io.qsctl.zdb.client;

import io.qsctl.common.Backoff;
import io.qsctl.zdb.resp.Reply;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection to one 0-db (or anything speaking its RESP dialect), with typed commands and
 * {@link #pipeline() pipelining}.
 *
 * <p><b>Failures.</b> An error reply throws {@link ZdbServerException} and leaves the connection
 * usable. A broken connection, a timeout or a malformed reply throws the matching
 * {@link ZdbException} and drops the socket; the next command reconnects (with the configured
 * backoff), logs in again and selects the namespace again. A read-only command that fails on a
 * connection that had been idle (the server may have restarted meanwhile) is retried once on a
 * fresh connection; a command that writes never is, since the first attempt may have been
 * applied: in seq mode a replayed {@code SET} would store the value twice under two ids.
 *
 * <p><b>Threads.</b> Not thread-safe: use a connection from one thread at a time; share a
 * {@link ZdbPool} instead.
 */
public final class ZdbConnection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ZdbConnection.class);
    private static final byte[] NEW_SEQ_KEY = new byte[0];

    private final ZdbClientConfig config;
    private ZdbWire wire;
    private String adminPassword;
    private String namespace;
    private String namespacePassword;
    private boolean everConnected;
    private boolean closed;
    private long lastUsedNanos = System.nanoTime();

    private ZdbConnection(ZdbClientConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.adminPassword = config.adminPassword();
        this.namespace = config.namespace();
        this.namespacePassword = config.namespacePassword();
    }

    /**
     * Connects, logs in (if an admin password is configured) and selects the configured namespace.
     *
     * @throws ZdbConnectionException if no connection could be made within the reconnect policy
     * @throws ZdbServerException if the server refused the password or the namespace
     */
    public static ZdbConnection open(ZdbClientConfig config) {
        ZdbConnection connection = new ZdbConnection(config);
        connection.ensureConnected();
        return connection;
    }

    public ZdbClientConfig config() {
        return config;
    }

    /** Whether a socket is up right now (a dropped one comes back on the next command). */
    public boolean isConnected() {
        return wire != null && wire.isOpen();
    }

    /** The namespace this connection selects after every (re)connect; empty for the server's default. */
    public Optional<String> namespace() {
        return Optional.ofNullable(namespace);
    }

    /** Nanoseconds since the last command finished. */
    long idleNanos() {
        return System.nanoTime() - lastUsedNanos;
    }

    boolean isClosed() {
        return closed;
    }

    /** Whether the session is still the one {@code other} describes (same namespace, same passwords). */
    boolean inSessionOf(ZdbClientConfig other) {
        return !closed && Objects.equals(namespace, other.namespace())
                && Objects.equals(namespacePassword, other.namespacePassword())
                && Objects.equals(adminPassword, other.adminPassword());
    }

    // --- generic ---

    /** Any command. Error replies throw {@link ZdbServerException}; SELECT and AUTH must go through {@link #select} and {@link #auth}. */
    public Reply command(byte[]... args) {
        return run(Calls.raw(args));
    }

    /** Any command, arguments as UTF-8. */
    public Reply command(String... args) {
        byte[][] bytes = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            bytes[i] = args[i].getBytes(StandardCharsets.UTF_8);
        }
        return command(bytes);
    }

    /** A batch of commands sent together, replies read in order by {@link Pipeline#sync()}. */
    public Pipeline pipeline() {
        return new Pipeline(this);
    }

    // --- data ---

    /**
     * SET. Returns the key, as 0-db does (in seq mode the id it generated, 8 bytes little-endian;
     * see {@link SeqKeys}), or empty if the value is byte-identical to the stored one and nothing
     * was written.
     */
    public Optional<byte[]> set(byte[] key, byte[] value) {
        return run(Calls.set(key, value));
    }

    /** SET with an empty key in a seq-mode namespace: stores a new entry and returns its id as key. */
    public byte[] insert(byte[] value) {
        return set(NEW_SEQ_KEY, value).orElseThrow(() -> new ZdbProtocolException(
                "zdb " + config.endpoint() + " answered nil to a SET with an empty key; is the namespace in seq mode?"));
    }

    /** GET; empty if there is no such key. */
    public Optional<byte[]> get(byte[] key) {
        return run(Calls.get(key));
    }

    /**
     * MGET: one entry per key, in order, empty for missing keys. The README of 0-db allows 1023
     * keys, but older servers parse at most 8 arguments per request, so 7 keys; pipelined GETs
     * work everywhere.
     */
    public List<Optional<byte[]>> mget(byte[]... keys) {
        return run(Calls.mget(keys));
    }

    /** DEL; true if the key was deleted, false if there was none. */
    public boolean del(byte[] key) {
        return run(Calls.del(key));
    }

    public boolean exists(byte[] key) {
        return run(Calls.exists(key));
    }

    /** CHECK: the server re-reads the payload and verifies its checksum. */
    public CheckResult check(byte[] key) {
        return run(Calls.check(key));
    }

    /** LENGTH: payload size; empty if there is no such key. */
    public OptionalLong length(byte[] key) {
        return run(Calls.length(key));
    }

    /** KEYTIME: last update in seconds since the epoch; empty if there is no such key. */
    public OptionalLong keytime(byte[] key) {
        return run(Calls.keytime(key));
    }

    /** KEYCUR: a cursor from which SCAN continues after this key; empty if there is no such key. */
    public Optional<byte[]> keycur(byte[] key) {
        return run(Calls.keycur(key));
    }

    /** SCAN from the first key; empty if the namespace is empty. */
    public Optional<ScanPage> scan() {
        return run(Calls.scan(null));
    }

    /** SCAN on from {@code cursor}; empty at the end ("No more data"). */
    public Optional<ScanPage> scan(byte[] cursor) {
        return run(Calls.scan(Objects.requireNonNull(cursor, "cursor")));
    }

    /** RSCAN from the last key backwards; empty if the namespace is empty. */
    public Optional<ScanPage> rscan() {
        return run(Calls.rscan(null));
    }

    public Optional<ScanPage> rscan(byte[] cursor) {
        return run(Calls.rscan(Objects.requireNonNull(cursor, "cursor")));
    }

    /** HISTORY: the current version of the key; empty if there is no such key. */
    public Optional<HistoryEntry> history(byte[] key) {
        return run(Calls.history(key, null));
    }

    /** HISTORY: the version {@code cursor} points to; empty past the oldest. */
    public Optional<HistoryEntry> history(byte[] key, byte[] cursor) {
        return run(Calls.history(key, Objects.requireNonNull(cursor, "cursor")));
    }

    /** DBSIZE: entries in the current namespace. */
    public long dbsize() {
        return run(Calls.dbsize());
    }

    /** FLUSH: wipes the current namespace (0-db allows it only on private, password-protected ones). */
    public void flush() {
        run(Calls.flush());
    }

    // --- server and namespaces ---

    /** PING; returns the status ("PONG"). */
    public String ping() {
        return run(Calls.ping());
    }

    /** INFO as text. */
    public String info() {
        return run(Calls.info());
    }

    public NamespaceInfo nsinfo(String name) {
        return run(Calls.nsinfo(name));
    }

    public List<String> nslist() {
        return run(Calls.nslist());
    }

    /** NSNEW (admin): a new namespace, public, without password or size limit. */
    public void nsnew(String name) {
        run(Calls.nsnew(name));
    }

    /** NSSET (admin): {@code maxsize}, {@code password} ({@code *} clears), {@code public}, {@code worm}, {@code mode}, {@code lock}, {@code freeze}. */
    public void nsset(String name, String property, String value) {
        run(Calls.nsset(name, property, value));
    }

    /** NSDEL (admin). */
    public void nsdel(String name) {
        run(Calls.nsdel(name));
    }

    /**
     * SELECT a namespace without password (or a public one read-only), and keep selecting it after
     * every reconnect.
     */
    public void select(String name) {
        select(name, null);
    }

    /**
     * SELECT a namespace, proving its password with the SECURE challenge, and keep selecting it
     * after every reconnect.
     */
    public void select(String name, String password) {
        Objects.requireNonNull(name, "name");
        useWire(wire -> {
            SecureAuth.select(wire, config, name, password);
            return null;
        });
        namespace = name;
        namespacePassword = password;
    }

    /** AUTH as admin with the SECURE challenge, and again after every reconnect. */
    public void auth(String password) {
        Objects.requireNonNull(password, "password");
        useWire(wire -> {
            SecureAuth.auth(wire, config, password);
            return null;
        });
        adminPassword = password;
    }

    /** Closes the socket; the connection cannot be used afterwards. */
    @Override
    public void close() {
        closed = true;
        dropWire();
    }

    @Override
    public String toString() {
        return "ZdbConnection[" + config.endpoint() + ", namespace=" + (namespace == null ? "(default)" : namespace)
                + (isConnected() ? ", connected" : "") + "]";
    }

    // --- machinery ---

    <T> T run(Call<T> call) {
        Reply reply = send(call);
        return call.mapper().map(reply, new Call.Where(config.endpoint(), call.name()));
    }

    private Reply send(Call<?> call) {
        boolean fresh = ensureConnected();
        try {
            return useWire(wire -> wire.exchange(call.args(), config.commandTimeout()));
        } catch (ZdbConnectionException e) {
            if (!call.readOnly() || fresh) {
                throw e;
            }
            log.debug("{} failed on an idle connection to {}, retrying once on a new one: {}", call.name(),
                    config.endpoint(), e.getMessage());
            ensureConnected();
            return useWire(wire -> wire.exchange(call.args(), config.commandTimeout()));
        }
    }

    /** Sends a pipeline's requests; never retried. */
    List<Reply> sendAll(List<byte[][]> requests) {
        ensureConnected();
        return useWire(wire -> wire.exchange(requests, config.commandTimeout()));
    }

    private <T> T useWire(Function<ZdbWire, T> work) {
        ensureConnected();
        try {
            return work.apply(wire);
        } finally {
            lastUsedNanos = System.nanoTime();
            if (wire != null && !wire.isOpen()) {
                wire = null;
            }
        }
    }

    /** Connects if there is no live socket; returns true if it connected just now. */
    private boolean ensureConnected() {
        if (closed) {
            throw new IllegalStateException("the connection to " + config.endpoint() + " was closed");
        }
        if (wire != null && wire.isOpen()) {
            return false;
        }
        wire = null;
        ReconnectPolicy policy = config.reconnect();
        Backoff backoff = policy.backoff();
        ZdbException last = null;
        for (int attempt = 1; attempt <= policy.maxAttempts(); attempt++) {
            if (attempt > 1) {
                pause(backoff);
            }
            ZdbWire candidate = null;
            try {
                candidate = ZdbWire.connect(config);
                setUpSession(candidate);
                wire = candidate;
                if (everConnected) {
                    log.info("reconnected to {}", config.endpoint());
                }
                everConnected = true;
                return true;
            } catch (ZdbConnectionException | ZdbTimeoutException e) {
                last = e;
                closeQuietly(candidate);
                log.debug("connect attempt {}/{} to {} failed: {}", attempt, policy.maxAttempts(), config.endpoint(),
                        e.getMessage());
            } catch (RuntimeException e) {
                // refused password or namespace, or a server that does not speak RESP: retrying cannot help
                closeQuietly(candidate);
                throw e;
            }
        }
        throw last;
    }

    /** Logs in and selects the namespace, as the session was before the socket dropped. */
    private void setUpSession(ZdbWire candidate) {
        if (adminPassword != null) {
            SecureAuth.auth(candidate, config, adminPassword);
        }
        if (namespace != null) {
            SecureAuth.select(candidate, config, namespace, namespacePassword);
        }
    }

    private void pause(Backoff backoff) {
        try {
            backoff.pause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ZdbConnectionException("interrupted while waiting to reconnect to " + config.endpoint(), e);
        }
    }

    private void dropWire() {
        closeQuietly(wire);
        wire = null;
    }

    private static void closeQuietly(ZdbWire wire) {
        if (wire != null) {
            wire.close();
        }
    }
}
