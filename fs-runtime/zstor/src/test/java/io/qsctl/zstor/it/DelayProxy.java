package io.qsctl.zstor.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP relay in front of one server that can hold back the server's replies: a slow backend on
 * demand. Holding back is what it is for, so it waits on purpose (this is a fault injector, not
 * a test waiting for something to happen).
 */
final class DelayProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile long delayMillis;
    private volatile boolean closed;

    DelayProxy(int targetPort) throws IOException {
        this.target = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "delay-proxy-" + targetPort);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** From now on, every reply chunk is held back this long. */
    void delay(long millis) {
        delayMillis = millis;
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
                sockets.add(client);
                sockets.add(server);
                relay(client.getInputStream(), server.getOutputStream(), false);
                relay(server.getInputStream(), client.getOutputStream(), true);
            } catch (IOException e) {
                // closed, or the server is gone: the client sees its connection fail
            }
        }
    }

    private void relay(InputStream from, OutputStream to, boolean delayed) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try {
                int read;
                while ((read = from.read(buffer)) >= 0) {
                    long delay = delayMillis;
                    if (delayed && delay > 0) {
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(delay));
                    }
                    to.write(buffer, 0, read);
                    to.flush();
                }
            } catch (IOException e) {
                // one side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "delay-proxy-relay");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
        sockets.forEach(DelayProxy::closeQuietly);
    }
}
