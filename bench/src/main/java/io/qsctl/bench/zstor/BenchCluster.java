package io.qsctl.bench.zstor;

import io.qsctl.common.FileTrees;
import io.qsctl.zdb.client.ZdbClientConfig;
import io.qsctl.zdb.client.ZdbConnection;
import io.qsctl.zdb.engine.EngineSettings;
import io.qsctl.zdb.engine.ZdbEngine;
import io.qsctl.zdb.server.ServerSettings;
import io.qsctl.zdb.server.ZdbServer;
import io.qsctl.zstor.backend.Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the store benchmarks need: 0-db servers (our engine and server, in the benchmark's JVM, on
 * loopback, data on disk under {@code bench/target}). Metadata in memory and data made on the fly are the
 * store tests' own fixtures, {@code InMemoryMetadata} and {@code TestData}.
 */
final class BenchCluster implements AutoCloseable {

    static final String NAMESPACE = "bench";

    private final Path root;
    private final List<ZdbEngine> engines = new ArrayList<>();
    private final List<ZdbServer> servers = new ArrayList<>();
    private final List<Backend> backends = new ArrayList<>();

    BenchCluster(int count) {
        try {
            Path parent = Path.of(System.getProperty("zstor.bench.dir", "target"));
            Files.createDirectories(parent);
            root = Files.createTempDirectory(parent.toAbsolutePath(), "zstor-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int i = 0; i < count; i++) {
            Path dir = root.resolve("zdb-" + i);
            ZdbEngine engine = ZdbEngine.open(EngineSettings.of(dir.resolve("index"), dir.resolve("data")).withAutoFlush(false));
            ZdbServer server = ZdbServer.start(engine, ServerSettings.loopback(0));
            engines.add(engine);
            servers.add(server);
            String password = "bench-password-" + i;
            try (ZdbConnection admin = ZdbConnection.open(ZdbClientConfig.tcp("127.0.0.1", server.tcpPort()))) {
                admin.nsnew(NAMESPACE);
                admin.nsset(NAMESPACE, "mode", "seq");
                admin.nsset(NAMESPACE, "password", password);
                admin.nsset(NAMESPACE, "public", "0");
            }
            backends.add(new Backend("bench-" + i, "127.0.0.1:" + server.tcpPort(), NAMESPACE, password,
                    Map.of(Backend.FARM, "farm" + (i % 5))));
        }
    }

    List<Backend> backends() {
        return backends;
    }

    @Override
    public void close() {
        servers.forEach(ZdbServer::close);
        engines.forEach(ZdbEngine::close);
        try {
            FileTrees.delete(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
