package io.qsctl.zdb.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qsctl.zdb.resp.Reply;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client's transport against a real RESP server (redis-server): pipelining, 8 MiB values,
 * timeouts, reconnects, unix sockets. 0-db semantics are tested in {@code ZdbInteropIT}.
 */
class ZdbConnectionIT {

    private static final int EIGHT_MIB = 8 * 1024 * 1024;

    @TempDir
    Path workDir;

    private RedisServer redis;

    @BeforeEach
    void startRedis() {
        redis = RedisServer.startOrSkip(workDir);
    }

    @AfterEach
    void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    private static byte[] b(String text) {
        return text.getBytes(UTF_8);
    }

    @Test
    void answersPing() {
        try (ZdbConnection connection = ZdbConnection.open(redis.config())) {
            assertThat(connection.ping()).isEqualTo("PONG");
        }
    }

    @Test
    void pipelinesTenThousandCommandsInOrder() {
        try (ZdbConnection connection = ZdbConnection.open(redis.config())) {
            Pipeline writes = connection.pipeline();
            for (int i = 0; i < 10_000; i++) {
                writes.command(b("SET"), b("key:" + i), b("value:" + i));
            }
            List<Reply> written = writes.sync();

            Pipeline reads = connection.pipeline();
            List<Pending<Optional<byte[]>>> values = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                values.add(reads.get(b("key:" + i)));
            }
            List<Reply> read = reads.sync();

            assertThat(written).hasSize(10_000).containsOnly(new Reply.SimpleString("OK"));
            assertThat(read).hasSize(10_000);
            for (int i = 0; i < 10_000; i++) {
                assertThat(new String(values.get(i).get().orElseThrow(), UTF_8)).isEqualTo("value:" + i);
            }
            assertThat(connection.command("DBSIZE")).isEqualTo(new Reply.Integer(10_000));
        }
    }

    @Test
    void carriesEightMebibyteValuesBothWays() {
        byte[] value = new byte[EIGHT_MIB];
        new Random(42).nextBytes(value);
        try (ZdbConnection connection = ZdbConnection.open(redis.config())) {
            connection.command(b("SET"), b("big"), value);

            assertThat(connection.get(b("big"))).hasValueSatisfying(read -> assertThat(read).isEqualTo(value));
        }
    }

    @Test
    void pipelinesManyLargeValuesWithoutRunningOutOfStep() {
        byte[] value = new byte[1024 * 1024];
        new Random(7).nextBytes(value);
        try (ZdbConnection connection = ZdbConnection.open(redis.config())) {
            Pipeline pipeline = connection.pipeline();
            for (int i = 0; i < 64; i++) {
                pipeline.command(b("SET"), b("big:" + i), value);
                pipeline.get(b("big:" + i));
            }
            List<Reply> replies = pipeline.sync();

            assertThat(replies).hasSize(128);
            for (int i = 0; i < 64; i++) {
                assertThat(replies.get(2 * i + 1)).isEqualTo(new Reply.Bulk(value));
            }
        }
    }

    @Test
    void aReplyOverTheClientLimitIsRefusedAndTheConnectionDropped() {
        try (ZdbConnection connection = ZdbConnection.open(redis.config().withMaxReplyBulkLength(1024 * 1024))) {
            connection.command(b("SET"), b("big"), new byte[2 * 1024 * 1024]);

            assertThatThrownBy(() -> connection.get(b("big")))
                    .isInstanceOf(ZdbProtocolException.class)
                    .hasMessageContaining("over the limit of 1048576");
            assertThat(connection.isConnected()).isFalse();
            assertThat(connection.ping()).isEqualTo("PONG");
        }
    }

    @Test
    void anErrorReplyLeavesTheConnectionUsable() {
        try (ZdbConnection connection = ZdbConnection.open(redis.config())) {
            assertThatThrownBy(() -> connection.command("NOSUCHCOMMAND"))
                    .isInstanceOf(ZdbServerException.class)
                    .satisfies(e -> assertThat(((ZdbServerException) e).serverMessage()).startsWith("ERR unknown command"));

            assertThat(connection.isConnected()).isTrue();
            assertThat(connection.ping()).isEqualTo("PONG");
        }
    }

    @Test
    void aServerThatNeverAnswersTimesOutAndTheConnectionIsDropped() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread acceptor = acceptAndIgnore(silent);
            ZdbClientConfig config = ZdbClientConfig.tcp("127.0.0.1", silent.getLocalPort())
                    .withCommandTimeout(Duration.ofMillis(300));
            try (ZdbConnection connection = ZdbConnection.open(config)) {
                long start = System.nanoTime();

                assertThatThrownBy(connection::ping)
                        .isInstanceOf(ZdbTimeoutException.class)
                        .hasMessageContaining("no reply from tcp://127.0.0.1:" + silent.getLocalPort() + " within 300 ms (PING)");

                assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(290), Duration.ofSeconds(5));
                assertThat(connection.isConnected()).isFalse();
            } finally {
                acceptor.interrupt();
            }
        }
    }

    @Test
    void aFailedWriteThrowsAndTheNextCommandReconnectsOnceTheServerIsBack() {
        ZdbClientConfig config = redis.config()
                .withReconnect(new ReconnectPolicy(3, Duration.ofMillis(20), Duration.ofMillis(50)));
        try (ZdbConnection connection = ZdbConnection.open(config)) {
            connection.command("SET", "k", "before");

            redis.kill();
            assertThatThrownBy(() -> connection.command("SET", "k", "during")).isInstanceOf(ZdbConnectionException.class);
            assertThatThrownBy(connection::ping).isInstanceOf(ZdbConnectionException.class);
            redis.start();

            assertThat(connection.command("SET", "k", "after")).isEqualTo(new Reply.SimpleString("OK"));
            assertThat(connection.get(b("k"))).hasValueSatisfying(v -> assertThat(new String(v, UTF_8)).isEqualTo("after"));
        }
    }

    @Test
    void aReadOnAConnectionBrokenByARestartIsRetriedTransparently() {
        try (ZdbConnection connection = ZdbConnection.open(redis.config())) {
            connection.command("SET", "k", "v");

            redis.kill();
            redis.start();

            // the value is gone (no persistence), but the GET itself succeeds on a fresh socket
            assertThat(connection.get(b("k"))).isEmpty();
            assertThat(connection.isConnected()).isTrue();
        }
    }

    @Test
    void speaksOverUnixSockets() {
        try (ZdbConnection connection = ZdbConnection.open(ZdbClientConfig.unix(redis.unixSocket()))) {
            connection.command("SET", "via", "unix");

            assertThat(connection.ping()).isEqualTo("PONG");
            assertThat(connection.get(b("via"))).hasValueSatisfying(v -> assertThat(new String(v, UTF_8)).isEqualTo("unix"));
        }
    }

    /** Accepts connections and reads nothing, answers nothing. */
    private static Thread acceptAndIgnore(ServerSocket server) {
        List<Socket> held = new ArrayList<>();
        Thread thread = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    held.add(server.accept());
                }
            } catch (IOException e) {
                // server closed: done
            }
        }, "silent-server");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
