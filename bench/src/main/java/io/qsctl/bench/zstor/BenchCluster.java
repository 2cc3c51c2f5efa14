package io.qsctl.bench.zstor;

import io.qsctl.zdb.client.ZdbClientConfig;
import io.qsctl.zdb.client.ZdbConnection;
import io.qsctl.zdb.engine.EngineSettings;
import io.qsctl.zdb.engine.ZdbEngine;
import io.qsctl.zdb.server.ServerSettings;
import io.qsctl.zdb.server.ZdbServer;
import io.qsctl.zstor.backend.Backend;
import io.qsctl.zstor.meta.MetadataRepository;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the store benchmarks need: 0-db servers (our engine and server, in the benchmark's JVM, on
 * loopback, data on disk under {@code bench/target}), metadata kept in memory, and data made on the fly.
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
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Metadata in memory. */
    static final class Metadata implements MetadataRepository {
        private final Map<String, VersionedRecord> records = new ConcurrentHashMap<>();
        private final AtomicLong generation = new AtomicLong();

        @Override
        public long put(String id, byte[] record) {
            long g = generation.incrementAndGet();
            records.put(id, new VersionedRecord(g, record));
            return g;
        }

        @Override
        public Optional<VersionedRecord> get(String id) {
            return Optional.ofNullable(records.get(id));
        }

        @Override
        public void delete(String id) {
            records.remove(id);
        }

        @Override
        public List<String> list() {
            return records.keySet().stream().sorted().toList();
        }

        @Override
        public void close() {
        }
    }

    /** {@code size} incompressible bytes (xorshift, 8 bytes at a time), made as they are read. */
    static InputStream randomData(long size, long seed) {
        return new InputStream() {
            private final byte[] block = new byte[64 * 1024];
            private final java.nio.ByteBuffer longs = java.nio.ByteBuffer.wrap(block);
            private int position = block.length;
            private long state = seed * 0x9E3779B97F4A7C15L + 1;
            private long left = size;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left == 0) {
                    return -1;
                }
                int done = 0;
                while (done < len && left > 0) {
                    if (position == block.length) {
                        for (int i = 0; i < block.length; i += 8) {
                            state ^= state >>> 12;
                            state ^= state << 25;
                            state ^= state >>> 27;
                            longs.putLong(i, state * 0x2545F4914F6CDD1DL);
                        }
                        position = 0;
                    }
                    int n = (int) Math.min(Math.min(len - done, block.length - position), left);
                    System.arraycopy(block, position, b, off + done, n);
                    position += n;
                    done += n;
                    left -= n;
                }
                return done;
            }
        };
    }
}
