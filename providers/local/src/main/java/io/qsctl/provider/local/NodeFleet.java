package io.qsctl.provider.local;

import io.qsctl.provider.ZdbMode;
import io.qsctl.common.FileTrees;
import io.qsctl.zdb.engine.EngineSettings;
import io.qsctl.zdb.engine.Namespace;
import io.qsctl.zdb.engine.ZdbEngine;
import io.qsctl.zdb.format.Mode;
import io.qsctl.zdb.server.ServerSettings;
import io.qsctl.zdb.server.ZdbServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nodes' storage: per node one 0-db engine on {@code <home>/nodes/<id>/{index,data}} and, while
 * the node is up, one zdb server on its own loopback port. Namespaces are made the way zos makes
 * a zdb workload: NSNEW, then password, public off, mode and maxsize.
 *
 * <p>A stopped node keeps its engine open: what the chain tells it meanwhile (lock, delete) is
 * applied at once, as a node applies it when it comes back.
 */
final class NodeFleet implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NodeFleet.class);

    private final Path root;
    private final Map<Long, ZdbEngine> engines = new TreeMap<>();
    private final Map<Long, ZdbServer> servers = new TreeMap<>();

    NodeFleet(Path root) {
        this.root = root;
    }

    /** Opens the node's engine (recovering its files). */
    void open(long node) {
        Path dir = root.resolve(Long.toString(node));
        EngineSettings settings = EngineSettings.of(dir.resolve("index"), dir.resolve("data"))
                .withAutoFlush(false)
                .withDataFileSize(64L * 1024 * 1024)
                .withInstanceId("node-" + node);
        engines.put(node, ZdbEngine.open(settings));
    }

    /** Starts the node's server on {@code preferredPort} if it is free, else on any free port; returns the port. */
    int serve(long node, int preferredPort) {
        ZdbServer running = servers.get(node);
        if (running != null) {
            return running.tcpPort();
        }
        ZdbEngine engine = engine(node);
        ZdbServer server;
        try {
            server = ZdbServer.start(engine, ServerSettings.loopback(Math.max(0, preferredPort)));
        } catch (UncheckedIOException taken) {
            if (preferredPort <= 0) {
                throw taken;
            }
            LOG.info("node {}: port {} is taken, taking another", node, preferredPort);
            server = ZdbServer.start(engine, ServerSettings.loopback(0));
        }
        servers.put(node, server);
        return server.tcpPort();
    }

    /** Closes the node's server: clients are cut off, the files stay. */
    void halt(long node) {
        ZdbServer server = servers.remove(node);
        if (server != null) {
            server.close();
        }
    }

    boolean serving(long node) {
        return servers.containsKey(node);
    }

    /** Deletes every namespace and its files, as a lost disk would. */
    int wipe(long node) {
        ZdbEngine engine = engine(node);
        int removed = 0;
        for (String name : engine.namespaceNames()) {
            if (!name.equals(ZdbEngine.DEFAULT_NAMESPACE)) {
                engine.deleteNamespace(name);
                removed++;
            }
        }
        return removed;
    }

    /** A zdb workload: the namespace with its password, private, in its mode, limited to its size. */
    void create(long node, String namespace, String password, ZdbMode mode, long maxSize) {
        ZdbEngine engine = engine(node);
        Namespace ns = engine.createNamespace(namespace);
        ns.setPassword(Optional.of(password));
        ns.setPublic(false);
        if (mode == ZdbMode.SEQ) {
            ns.changeMode(Mode.SEQ);
        }
        ns.setMaxSize(maxSize);
        engine.flush();
    }

    boolean exists(long node, String namespace) {
        return engine(node).namespace(namespace).isPresent();
    }

    Optional<ZdbMode> mode(long node, String namespace) {
        return engine(node).namespace(namespace).map(ns -> ns.mode() == Mode.SEQ ? ZdbMode.SEQ : ZdbMode.USER);
    }

    /** A zdb workload update: the new size and password (zos allows both to change; the mode never). */
    void update(long node, String namespace, String password, long maxSize) {
        engine(node).namespace(namespace).ifPresent(ns -> {
            ns.setPassword(Optional.of(password));
            ns.setMaxSize(maxSize);
        });
    }

    void lock(ContractRecord contract) {
        setLocked(contract, true);
    }

    void unlock(ContractRecord contract) {
        setLocked(contract, false);
    }

    void setLocked(ContractRecord contract, boolean locked) {
        ZdbEngine engine = engines.get(contract.node());
        if (engine != null) {
            engine.namespace(contract.namespace()).ifPresent(ns -> ns.setLocked(locked));
        }
    }

    /**
     * Removes a namespace and its files: through the engine when it has it loaded, and whatever is
     * left of its directories in any case (a removal that a crash cut short leaves a half-deleted
     * namespace the engine may not load again).
     */
    void remove(long node, String namespace) {
        ZdbEngine engine = engines.get(node);
        if (engine != null && engine.namespace(namespace).isPresent()) {
            engine.deleteNamespace(namespace);
        }
        Path dir = root.resolve(Long.toString(node));
        try {
            FileTrees.delete(dir.resolve("index").resolve(namespace));
            FileTrees.delete(dir.resolve("data").resolve(namespace));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove namespace " + namespace + " of node " + node, e);
        }
    }

    /**
     * The namespaces a node has on disk or in memory, its default namespace aside: whatever has a
     * directory of its own under {@code index/} or {@code data/}, loadable or not.
     */
    Set<String> namespaces(long node) {
        Set<String> names = new TreeSet<>(engine(node).namespaceNames());
        Path dir = root.resolve(Long.toString(node));
        for (String part : List.of("index", "data")) {
            Path where = dir.resolve(part);
            if (!Files.isDirectory(where)) {
                continue;
            }
            try (Stream<Path> entries = Files.list(where)) {
                entries.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                        .filter(n -> !n.startsWith(".")).forEach(names::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + where, e);
            }
        }
        names.remove(ZdbEngine.DEFAULT_NAMESPACE);
        return names;
    }

    private ZdbEngine engine(long node) {
        ZdbEngine engine = engines.get(node);
        if (engine == null) {
            throw new IllegalStateException("node " + node + " has no storage open");
        }
        return engine;
    }

    /** Stops every server, then flushes and closes every engine. */
    @Override
    public void close() {
        for (ZdbServer server : servers.values()) {
            try {
                server.close();
            } catch (RuntimeException e) {
                LOG.warn("closing a node's server: {}", e.toString());
            }
        }
        servers.clear();
        for (ZdbEngine engine : engines.values()) {
            try {
                engine.close();
            } catch (RuntimeException e) {
                LOG.warn("closing a node's engine: {}", e.toString());
            }
        }
        engines.clear();
    }
}
