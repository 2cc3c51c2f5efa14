package io.qsctl.zdb.client;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real redis-server on a free loopback port, for the transport-level tests: it speaks the same
 * RESP framing as 0-db, so pipelining, large values, reconnects and pools are tested against a
 * real server rather than our own. Its command semantics differ from 0-db's (SET answers +OK), so
 * the tests only rely on framing. Tests using it skip when redis-server is not installed.
 */
final class RedisServer implements AutoCloseable {

    private static final Path DEFAULT_BINARY = Path.of("/usr/bin/redis-server");

    private final Path binary;
    private final int port;
    private final Path unixSocket;
    private Process process;

    private RedisServer(Path binary, int port, Path unixSocket) {
        this.binary = binary;
        this.port = port;
        this.unixSocket = unixSocket;
    }

    /** Starts redis-server, or skips the calling test if it is not installed. */
    static RedisServer startOrSkip(Path workDir) {
        Path binary = Path.of(System.getenv().getOrDefault("REDIS_SERVER", DEFAULT_BINARY.toString()));
        assumeTrue(Files.isExecutable(binary), "redis-server not found at " + binary
                + " (install redis-server or set REDIS_SERVER); skipping the tests that need a real RESP server");
        RedisServer server = new RedisServer(binary, freePort(), workDir.resolve("redis.sock"));
        server.start();
        return server;
    }

    int port() {
        return port;
    }

    Path unixSocket() {
        return unixSocket;
    }

    ZdbClientConfig config() {
        return ZdbClientConfig.tcp("127.0.0.1", port);
    }

    /** Starts the server (again, on the same port) and waits until it accepts connections. */
    void start() {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--port", String.valueOf(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--unixsocket", unixSocket.toString(),
                "--unixsocketperm", "700", "--loglevel", "warning"));
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + binary, e);
        }
        await("redis-server accepting on port " + port).atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20)).until(this::accepting);
    }

    /** Kills the server outright, as a crash would. */
    void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    @Override
    public void close() {
        kill();
    }

    private boolean accepting() {
        if (process == null || !process.isAlive()) {
            throw new IllegalStateException("redis-server exited while starting");
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
