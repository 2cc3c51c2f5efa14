package io.qsctl.bench.zdb;

import io.qsctl.zdb.engine.EngineSettings;
import io.qsctl.zdb.engine.SyncPolicy;
import io.qsctl.zdb.engine.ZdbEngine;
import io.qsctl.zdb.format.Mode;
import io.qsctl.zdb.server.ServerSettings;
import io.qsctl.zdb.server.ZdbServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the 0-db engine and its RESP server exactly as a 0-db daemon would, for redis-benchmark to
 * hit: {@link ZdbEngine} with {@code autoFlush} off (the server flushes once per batch of
 * requests) and {@link ZdbServer} on loopback. Used by {@code bench/zdb/run.sh} when the CLI has no
 * {@code qsctl zdb} command yet.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.qsctl.bench.zdb.ZdbBenchServer --data D --index I --port P
 *      [--mode user|seq] [--sync] [--synctime SECONDS] [--datasize BYTES]
 * </pre>
 *
 * Prints {@code ready PORT} on stdout once it serves, and stops cleanly on SIGTERM / SIGINT.
 */
public final class ZdbBenchServer {

    private ZdbBenchServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path data = null;
        Path index = null;
        int port = ServerSettings.DEFAULT_PORT;
        Optional<Mode> mode = Optional.empty();
        SyncPolicy sync = SyncPolicy.NONE;
        long dataSize = EngineSettings.DEFAULT_DATA_FILE_SIZE;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--data" -> data = Path.of(value(args, ++i, a));
                case "--index" -> index = Path.of(value(args, ++i, a));
                case "--port" -> port = Integer.parseInt(value(args, ++i, a));
                case "--mode" -> mode = Optional.of(switch (value(args, ++i, a)) {
                    case "user" -> Mode.USER;
                    case "seq" -> Mode.SEQ;
                    default -> throw usage("--mode is user or seq");
                });
                case "--sync" -> sync = SyncPolicy.everyWrite();
                case "--synctime" -> sync = SyncPolicy.every(Duration.ofSeconds(Long.parseLong(value(args, ++i, a))));
                case "--datasize" -> dataSize = Long.parseLong(value(args, ++i, a));
                default -> throw usage("unknown argument " + a);
            }
        }
        if (data == null) {
            throw usage("--data is required");
        }
        if (index == null) {
            index = data.resolveSibling(data.getFileName() + "-index");
        }
        EngineSettings settings = EngineSettings.of(index, data)
                .withMode(mode)
                .withSync(sync)
                .withDataFileSize(dataSize)
                .withAutoFlush(false);
        ServerSettings serverSettings = ServerSettings.loopback(port);
        settings = settings.withInstanceId(serverSettings.instanceId(port));
        ZdbEngine engine = ZdbEngine.open(settings);
        ZdbServer server = ZdbServer.start(engine, serverSettings);
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
                engine.close();
            } finally {
                done.countDown();
            }
        }, "zdb-bench-shutdown"));
        System.out.println("ready " + server.tcpPort());
        System.out.flush();
        done.await();
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw usage(option + " needs a value");
        }
        return args[i];
    }

    private static IllegalArgumentException usage(String message) {
        System.err.println("usage: ZdbBenchServer --data DIR [--index DIR] [--port P] [--mode user|seq] [--sync]"
                + " [--synctime SECONDS] [--datasize BYTES]");
        return new IllegalArgumentException(message);
    }
}
