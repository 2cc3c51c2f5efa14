package io.qsctl.zdb.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qsctl.zdb.engine.EngineSettings;
import io.qsctl.zdb.engine.ZdbEngine;
import io.qsctl.zdb.resp.Reply;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of clients sending malformed streams through real sockets: the server answers or
 * closes each, keeps serving a well-behaved client throughout, and holds no connection afterwards.
 */
class BadClientsIT {

    private static final String[] SEEDS = {
        "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n",
        "*2\r\n$3\r\nGET\r\n$1\r\nk\r\n",
        "*1\r\n$4\r\nPING\r\n",
        "*4\r\n$5\r\nNSSET\r\n$1\r\nx\r\n$4\r\nmode\r\n$3\r\nseq\r\n",
    };

    @Test
    void malformedStreamsNeverHurtTheServerOrItsOtherClients(@TempDir Path root) throws Exception {
        try (ZdbEngine engine = ZdbEngine.open(EngineSettings.of(root.resolve("i"), root.resolve("d")).withAutoFlush(false));
             ZdbServer server = ZdbServer.start(engine, ServerSettings.loopback(0));
             RawClient good = new RawClient(server.tcpPort())) {
            Random random = new Random(42);
            int connections = 3_000;
            for (int i = 0; i < connections; i++) {
                try (Socket socket = new Socket("127.0.0.1", server.tcpPort())) {
                    socket.setSoLinger(true, 0);
                    OutputStream out = socket.getOutputStream();
                    out.write(mutate(random));
                    out.flush();
                } catch (IOException closedByServer) {
                    // the server may close first; that is an acceptable answer to garbage
                }
                if (i % 500 == 0) {
                    assertThat(good.call("SET", "alive", "i" + i)).isInstanceOf(Reply.Bulk.class);
                }
            }
            assertThat(good.call("GET", "alive")).isInstanceOf(Reply.Bulk.class);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(server.connectionCount()).isEqualTo(1));
        }
    }

    /** A valid request, or several, damaged: cut, flipped bytes, huge or negative lengths, noise. */
    static byte[] mutate(Random random) {
        StringBuilder stream = new StringBuilder();
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
            stream.append(SEEDS[random.nextInt(SEEDS.length)]);
        }
        byte[] bytes = stream.toString().getBytes(StandardCharsets.ISO_8859_1);
        switch (random.nextInt(6)) {
            case 0 -> bytes = java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length));
            case 1 -> {
                for (int k = 0; k < 3; k++) {
                    bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                }
            }
            case 2 -> bytes = ("*2\r\n$3\r\nGET\r\n$" + (random.nextInt(Integer.MAX_VALUE)) + "\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1);
            case 3 -> bytes = ("*" + (random.nextInt(5) - 3) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
            case 4 -> {
                bytes = new byte[1 + random.nextInt(2000)];
                random.nextBytes(bytes);
            }
            default -> bytes = ("*1\r\n$" + "9".repeat(30) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        }
        return bytes;
    }
}
