package io.qsctl.zstor.it;

import io.qsctl.zdb.client.ZdbClientConfig;
import io.qsctl.zdb.client.ZdbConnection;
import io.qsctl.zdb.engine.EngineSettings;
import io.qsctl.zdb.engine.ZdbEngine;
import io.qsctl.zdb.server.ServerSettings;
import io.qsctl.zdb.server.ZdbServer;
import io.qsctl.zstor.backend.Backend;
import io.qsctl.zstor.segment.KeyMode;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Real 0-db servers (our engine and RESP server, in this JVM) on loopback, one data namespace
 * each, password-protected and private, in seq (or user) mode, as the grid deploys them. Servers
 * can be stopped, started again on the same port and files, or replaced by an empty one.
 */
public final class ZdbCluster implements AutoCloseable {

    public static final String NAMESPACE = "zstor-data";

    private final Path root;
    private final KeyMode mode;
    private final List<Node> nodes = new ArrayList<>();

    private ZdbCluster(Path root, KeyMode mode) {
        this.root = root;
        this.mode = mode;
    }

    /** {@code count} servers; backend {@code i} is named {@code data-NN}, in farm i % 5 and country i % 3. */
    public static ZdbCluster start(Path root, int count, KeyMode mode) {
        ZdbCluster cluster = new ZdbCluster(root, mode);
        for (int i = 0; i < count; i++) {
            cluster.add(String.format("data-%02d", i), "farm" + (i % 5), "c" + (i % 3));
        }
        return cluster;
    }

    /** Adds one more server and returns its backend. */
    public Backend add(String name, String farm, String country) {
        Node node = new Node(name, farm, country, randomPassword());
        nodes.add(node);
        node.start(root.resolve(name + "-0"), 0);
        node.createNamespace(mode);
        return node.backend();
    }

    public List<Backend> backends() {
        return nodes.stream().map(Node::backend).toList();
    }

    public Backend backend(int i) {
        return nodes.get(i).backend();
    }

    public int indexOf(String backendName) {
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).name.equals(backendName)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no backend " + backendName);
    }

    public int size() {
        return nodes.size();
    }

    /** Stops server {@code i} (its port then refuses connections); its files stay. */
    public void stop(int i) {
        nodes.get(i).stop();
    }

    /** Starts server {@code i} again on the same port and files. */
    public void restart(int i) {
        Node node = nodes.get(i);
        node.start(node.dir, node.port);
    }

    /**
     * Replaces server {@code i} by an empty one with a new namespace (and password) under the same
     * port. With {@code newName} null the backend keeps its name, as when an operator recreates a
     * dead namespace in place; otherwise it is a new backend and the old one is gone.
     */
    public Backend replace(int i, String newName) {
        Node old = nodes.get(i);
        old.stop();
        Node node = new Node(newName == null ? old.name : newName, old.farm, old.country, randomPassword());
        node.start(root.resolve(node.name + "-" + System.nanoTime()), old.port);
        node.createNamespace(mode);
        nodes.set(i, node);
        return node.backend();
    }

    /** Data directory of server {@code i}'s namespace (its {@code d0}, {@code d1}... files). */
    public Path dataDir(int i) {
        return nodes.get(i).dir.resolve("data").resolve(NAMESPACE);
    }

    /** An admin connection to server {@code i} (no admin password is set: every client is admin). */
    public ZdbConnection admin(int i) {
        return ZdbConnection.open(ZdbClientConfig.tcp("127.0.0.1", nodes.get(i).port));
    }

    /** A connection to server {@code i}'s data namespace, with its password. */
    public ZdbConnection data(int i) {
        return ZdbConnection.open(nodes.get(i).backend().clientConfig());
    }

    public List<String> passwords() {
        return nodes.stream().map(n -> n.password).toList();
    }

    @Override
    public void close() {
        nodes.forEach(Node::stop);
    }

    private static String randomPassword() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return "pw-" + HexFormat.of().formatHex(bytes);
    }

    /** One server. */
    private static final class Node {
        final String name;
        final String farm;
        final String country;
        final String password;
        Path dir;
        int port;
        ZdbEngine engine;
        ZdbServer server;

        Node(String name, String farm, String country, String password) {
            this.name = name;
            this.farm = farm;
            this.country = country;
            this.password = password;
        }

        void start(Path directory, int onPort) {
            dir = directory;
            engine = ZdbEngine.open(EngineSettings.of(dir.resolve("index"), dir.resolve("data")).withAutoFlush(false));
            server = ZdbServer.start(engine, ServerSettings.loopback(onPort));
            port = server.tcpPort();
        }

        void createNamespace(KeyMode mode) {
            try (ZdbConnection admin = ZdbConnection.open(ZdbClientConfig.tcp("127.0.0.1", port))) {
                admin.nsnew(NAMESPACE);
                admin.nsset(NAMESPACE, "mode", mode == KeyMode.SEQ ? "seq" : "user");
                admin.nsset(NAMESPACE, "password", password);
                admin.nsset(NAMESPACE, "public", "0");
            }
        }

        void stop() {
            if (server != null) {
                server.close();
                engine.close();
                server = null;
                engine = null;
            }
        }

        Backend backend() {
            return new Backend(name, "127.0.0.1:" + port, NAMESPACE, password,
                    Map.of(Backend.FARM, farm, Backend.COUNTRY, country, Backend.NODE, name));
        }
    }
}
