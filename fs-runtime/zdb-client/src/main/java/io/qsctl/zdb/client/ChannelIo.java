package io.qsctl.zdb.client;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One socket in non-blocking mode with its own selector. Blocking channels ignore
 * {@code SO_TIMEOUT}, and unix sockets have no {@code java.net.Socket} to set it on, so waiting
 * with a selector is the one way to get real timeouts on both; it also lets a pipeline read
 * replies while its requests are still being written, so neither side's buffers can fill up and
 * deadlock.
 */
final class ChannelIo implements Closeable {

    private final SocketChannel channel;
    private final Selector selector;
    private final SelectionKey key;

    private ChannelIo(SocketChannel channel, Selector selector, SelectionKey key) {
        this.channel = channel;
        this.selector = selector;
        this.key = key;
    }

    /**
     * Connects within {@code timeout}.
     *
     * @throws ZdbTimeoutException if the server did not accept in time
     * @throws ZdbConnectionException if it refused, or the address does not resolve
     */
    static ChannelIo connect(ZdbEndpoint endpoint, Duration timeout) {
        SocketChannel channel = null;
        Selector selector = null;
        try {
            SocketAddress address = endpoint.socketAddress();
            channel = endpoint instanceof ZdbEndpoint.Unix
                    ? SocketChannel.open(StandardProtocolFamily.UNIX)
                    : SocketChannel.open();
            channel.configureBlocking(false);
            if (endpoint instanceof ZdbEndpoint.Tcp) {
                // requests are small and latency-bound; Nagle would hold them back
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
            }
            selector = Selector.open();
            boolean connected = channel.connect(address);
            SelectionKey key = channel.register(selector, connected ? 0 : SelectionKey.OP_CONNECT);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!connected) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new ZdbTimeoutException("no connection to " + endpoint + " within " + timeout.toMillis() + " ms");
                }
                selector.select(millis(left));
                selector.selectedKeys().clear();
                checkInterrupt();
                if (key.isValid() && key.isConnectable()) {
                    connected = channel.finishConnect();
                }
            }
            key.interestOps(0);
            return new ChannelIo(channel, selector, key);
        } catch (IOException | UnresolvedAddressException e) {
            closeQuietly(channel);
            closeQuietly(selector);
            throw new ZdbConnectionException("cannot connect to " + endpoint + ": " + describe(e), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            closeQuietly(selector);
            throw e;
        }
    }

    /** Reads what is available now, without waiting; -1 at end of stream. */
    int readNow(ByteBuffer target) throws IOException {
        return channel.read(target);
    }

    /** Writes what the socket takes now, without waiting. */
    int writeNow(ByteBuffer source) throws IOException {
        return channel.write(source);
    }

    /**
     * Waits until the socket is readable (and, if {@code alsoWritable}, or writable), at most
     * {@code nanos}. Returns false if the time ran out first.
     */
    boolean await(boolean alsoWritable, long nanos) throws IOException {
        if (nanos <= 0) {
            return false;
        }
        key.interestOps(SelectionKey.OP_READ | (alsoWritable ? SelectionKey.OP_WRITE : 0));
        int ready = selector.select(millis(nanos));
        selector.selectedKeys().clear();
        checkInterrupt();
        return ready > 0;
    }

    /**
     * A selector returns at once, again and again, while its thread is interrupted; without this
     * check an interrupted command would spin until its timeout instead of ending.
     */
    private static void checkInterrupt() throws InterruptedIOException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedIOException("interrupted");
        }
    }

    boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() {
        closeQuietly(channel);
        closeQuietly(selector);
    }

    private static long millis(long nanos) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos + 999_999));
    }

    static String describe(Exception e) {
        if (e instanceof UnresolvedAddressException) {
            return "host name does not resolve";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void closeQuietly(Closeable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (IOException ignored) {
            // closing a socket that broke has nothing left to report
        }
    }
}
