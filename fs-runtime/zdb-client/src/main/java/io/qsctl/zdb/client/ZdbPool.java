package io.qsctl.zdb.client;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded pool of connections to one endpoint and namespace (one {@link ZdbClientConfig}).
 * Thread-safe; each borrowed connection is used by one thread until it is returned.
 *
 * <p>Idle connections are handed out most recently used first. One idle for longer than
 * {@code validateAfterIdle} is PINGed first, and one idle for longer than {@code maxIdleTime} is
 * closed instead. A connection comes back into the pool only if it is still connected and still
 * in the configured session: one that broke, or on which someone selected another namespace or
 * logged in as admin, is closed on return rather than handed to the next borrower.
 *
 * <p>Connections are opened outside the pool's lock, so a slow server never blocks other
 * borrowers who could use an idle connection.
 */
public final class ZdbPool implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ZdbPool.class);

    private final ZdbClientConfig config;
    private final ZdbPoolConfig poolConfig;
    private final Function<ZdbClientConfig, ZdbConnection> opener;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Deque<ZdbConnection> idle = new ArrayDeque<>();
    private final Set<ZdbConnection> borrowed = Collections.newSetFromMap(new IdentityHashMap<>());
    private int opening;
    private boolean closed;

    public ZdbPool(ZdbClientConfig config) {
        this(config, ZdbPoolConfig.DEFAULT);
    }

    public ZdbPool(ZdbClientConfig config, ZdbPoolConfig poolConfig) {
        this(config, poolConfig, ZdbConnection::open);
    }

    ZdbPool(ZdbClientConfig config, ZdbPoolConfig poolConfig, Function<ZdbClientConfig, ZdbConnection> opener) {
        this.config = Objects.requireNonNull(config, "config");
        this.poolConfig = Objects.requireNonNull(poolConfig, "poolConfig");
        this.opener = opener;
    }

    public ZdbClientConfig config() {
        return config;
    }

    /** Borrows a connection, waiting at most the configured borrow timeout. */
    public ZdbConnection borrow() {
        return borrow(poolConfig.borrowTimeout());
    }

    /**
     * Borrows a connection: an idle one if there is a usable one, a new one if the pool is not
     * full, else the first one returned within {@code timeout}. Give it back with
     * {@link #release(ZdbConnection)}.
     *
     * @throws ZdbTimeoutException if every connection stayed in use for {@code timeout}
     * @throws ZdbConnectionException or {@link ZdbServerException} if a new connection could not be made
     * @throws IllegalStateException if the pool is closed
     */
    public ZdbConnection borrow(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            ZdbConnection candidate = takeIdleOrReserve(deadline, timeout);
            if (candidate == null) {
                return openReserved();
            }
            if (usable(candidate)) {
                return candidate;
            }
            discard(candidate);
        }
    }

    /** Returns a borrowed connection; it is kept for reuse or closed (see the class comment). */
    public void release(ZdbConnection connection) {
        boolean keep;
        lock.lock();
        try {
            if (!borrowed.remove(connection)) {
                throw new IllegalArgumentException("this connection was not borrowed from this pool");
            }
            keep = !closed && connection.isConnected() && connection.inSessionOf(config) && idle.size() < poolConfig.maxIdle();
            if (keep) {
                idle.addFirst(connection);
            }
            changed.signal();
        } finally {
            lock.unlock();
        }
        if (!keep) {
            connection.close();
        }
    }

    /** Borrows a connection, runs {@code work} with it and returns it, whatever happens. */
    public <T> T call(Function<ZdbConnection, T> work) {
        ZdbConnection connection = borrow();
        try {
            return work.apply(connection);
        } finally {
            release(connection);
        }
    }

    /** Like {@link #call(Function)} for work without a result. */
    public void run(Consumer<ZdbConnection> work) {
        call(connection -> {
            work.accept(connection);
            return null;
        });
    }

    public int idleCount() {
        lock.lock();
        try {
            return idle.size();
        } finally {
            lock.unlock();
        }
    }

    public int borrowedCount() {
        lock.lock();
        try {
            return borrowed.size();
        } finally {
            lock.unlock();
        }
    }

    /** Closes the idle connections now and borrowed ones as they come back; borrowing fails from now on. */
    @Override
    public void close() {
        List<ZdbConnection> toClose;
        lock.lock();
        try {
            closed = true;
            toClose = new ArrayList<>(idle);
            idle.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        toClose.forEach(ZdbConnection::close);
    }

    /** An idle connection (now borrowed), or null after reserving a slot for a new one. */
    private ZdbConnection takeIdleOrReserve(long deadline, Duration timeout) {
        lock.lock();
        try {
            while (true) {
                if (closed) {
                    throw new IllegalStateException("the pool for " + config.endpoint() + " is closed");
                }
                ZdbConnection connection = idle.pollFirst();
                if (connection != null) {
                    borrowed.add(connection);
                    return connection;
                }
                if (borrowed.size() + opening < poolConfig.maxTotal()) {
                    opening++;
                    return null;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new ZdbTimeoutException("no connection to " + config.endpoint() + " became free within "
                            + timeout.toMillis() + " ms (all " + poolConfig.maxTotal() + " in use)");
                }
                try {
                    changed.awaitNanos(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ZdbConnectionException("interrupted while waiting for a connection to " + config.endpoint(), e);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private ZdbConnection openReserved() {
        ZdbConnection connection;
        try {
            connection = opener.apply(config);
        } catch (RuntimeException e) {
            lock.lock();
            try {
                opening--;
                changed.signal();
            } finally {
                lock.unlock();
            }
            throw e;
        }
        lock.lock();
        try {
            opening--;
            if (!closed) {
                borrowed.add(connection);
                return connection;
            }
            changed.signal();
        } finally {
            lock.unlock();
        }
        connection.close();
        throw new IllegalStateException("the pool for " + config.endpoint() + " is closed");
    }

    private boolean usable(ZdbConnection connection) {
        long idleNanos = connection.idleNanos();
        if (!connection.isConnected() || idleNanos > poolConfig.maxIdleTime().toNanos()) {
            return false;
        }
        if (idleNanos < poolConfig.validateAfterIdle().toNanos()) {
            return true;
        }
        try {
            connection.ping();
            return connection.inSessionOf(config);
        } catch (ZdbException e) {
            log.debug("idle connection to {} failed validation: {}", config.endpoint(), e.getMessage());
            return false;
        }
    }

    private void discard(ZdbConnection connection) {
        lock.lock();
        try {
            borrowed.remove(connection);
            changed.signal();
        } finally {
            lock.unlock();
        }
        connection.close();
    }

    @Override
    public String toString() {
        return "ZdbPool[" + config.endpoint() + ", idle=" + idleCount() + ", borrowed=" + borrowedCount() + "]";
    }
}
