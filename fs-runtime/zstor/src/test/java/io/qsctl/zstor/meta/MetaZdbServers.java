package io.qsctl.zstor.meta;

import io.qsctl.zdb.client.ZdbClientConfig;
import io.qsctl.zdb.client.ZdbConnection;
import io.qsctl.zdb.engine.EngineSettings;
import io.qsctl.zdb.engine.Namespace;
import io.qsctl.zdb.engine.ZdbEngine;
import io.qsctl.zdb.server.ServerSettings;
import io.qsctl.zdb.server.ZdbServer;
import io.qsctl.zstor.backend.Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Real 0-db servers (our engine and RESP server) on loopback, one private user-mode namespace
 * with a random password on each, for the metadata store's integration tests. A stopped server
 * comes back on the same port with the same files, as a restarted 0-db would.
 */
final class MetaZdbServers implements AutoCloseable {

    private final Path root;
    private final ZdbEngine[] engines;
    private final ZdbServer[] servers;
    private final int[] ports;
    private final String[] passwords;
    private final int[] generations;

    MetaZdbServers(Path root, int count) {
        this.root = root;
        this.engines = new ZdbEngine[count];
        this.servers = new ZdbServer[count];
        this.ports = new int[count];
        this.passwords = new String[count];
        this.generations = new int[count];
        for (int i = 0; i < count; i++) {
            create(i);
        }
    }

    /** A new server with an empty namespace and a new password. */
    private void create(int i) {
        byte[] secret = new byte[12];
        new SecureRandom().nextBytes(secret);
        passwords[i] = "pw-" + HexFormat.of().formatHex(secret);
        start(i);
        Namespace ns = engines[i].createNamespace(namespace(i));
        ns.setPassword(Optional.of(passwords[i]));
        ns.setPublic(false);
    }

    /**
     * Replaces server {@code i} by a new, empty one on another port (its old files stay where they
     * were, untouched): what the reconciler does with a dead backend. Call {@link #backends()} again.
     */
    void replace(int i) {
        if (servers[i] != null) {
            stop(i);
        }
        generations[i]++;
        ports[i] = 0;
        create(i);
    }

    int count() {
        return servers.length;
    }

    static String name(int i) {
        return "meta-" + i;
    }

    static String namespace(int i) {
        return "zstor-meta-" + i;
    }

    String password(int i) {
        return passwords[i];
    }

    /** The backends as the CLI would describe them, in order. */
    List<Backend> backends() {
        List<Backend> backends = new ArrayList<>();
        for (int i = 0; i < servers.length; i++) {
            backends.add(new Backend(name(i), "127.0.0.1:" + ports[i], namespace(i), passwords[i],
                    Map.of(Backend.FARM, "farm-" + i)));
        }
        return backends;
    }

    /** Starts server {@code i}: on a free port the first time, on the same port afterwards. */
    void start(int i) {
        if (servers[i] != null) {
            throw new IllegalStateException(name(i) + " is running");
        }
        Path dir = root.resolve(name(i) + (generations[i] == 0 ? "" : "-replacement-" + generations[i]));
        engines[i] = ZdbEngine.open(EngineSettings.of(dir.resolve("index"), dir.resolve("data")).withAutoFlush(false));
        servers[i] = ZdbServer.start(engines[i], ServerSettings.loopback(ports[i]));
        ports[i] = servers[i].tcpPort();
    }

    /** Stops server {@code i} and closes its engine (files flushed), like a SIGTERM. */
    void stop(int i) {
        servers[i].close();
        engines[i].close();
        servers[i] = null;
        engines[i] = null;
    }

    /** A locked namespace still answers reads and refuses every write. */
    void lock(int i, boolean locked) {
        engines[i].namespace(namespace(i)).orElseThrow().setLocked(locked);
    }

    /** A client session on backend {@code i}'s namespace, as the store has; the caller closes it. */
    ZdbConnection connect(int i) {
        return ZdbConnection.open(ZdbClientConfig.tcp("127.0.0.1", ports[i]).withNamespace(namespace(i), passwords[i]));
    }

    /** Every file server {@code i} (and any server it replaced) wrote, index and data. */
    List<Path> files(int i) {
        return filesUnder(root).stream().filter(p -> root.relativize(p).getName(0).toString().startsWith(name(i)))
                .toList();
    }

    static List<Path> filesUnder(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < servers.length; i++) {
            if (servers[i] != null) {
                stop(i);
            }
        }
    }
}
