package io.qsctl.cli.zdb;

import io.qsctl.common.QsctlException;
import io.qsctl.zdb.engine.EventBus;
import io.qsctl.zdb.engine.ExternalHook;
import io.qsctl.zdb.engine.ZdbEngine;
import io.qsctl.zdb.server.ServerSettings;
import io.qsctl.zdb.server.ZdbServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running 0-db: the engine on its directories and the server in front of it. Start-up follows
 * 0-db's order (namespaces-init hook, namespaces loaded, sockets listening, ready hook); closing
 * stops the server first and then closes the engine, which flushes, syncs and fires
 * namespace-closing for every namespace.
 */
public final class ZdbService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ZdbService.class);

    private final DirectoryLock lock;
    private final ZdbEngine engine;
    private final ZdbServer server;
    private final ServingReport report;
    private boolean closed;

    private ZdbService(DirectoryLock lock, ZdbEngine engine, ZdbServer server, ServingReport report) {
        this.lock = lock;
        this.engine = engine;
        this.server = server;
        this.report = report;
    }

    /**
     * Starts serving, or fails with a one-line reason and nothing left open. {@code onFailure} runs
     * (on the server's thread) if the server stops serving on its own.
     */
    public static ZdbService start(ZdbLaunch launch, Runnable onFailure) {
        directory("data", launch.data());
        directory("index", launch.index());
        DirectoryLock lock = DirectoryLock.take(launch.index());
        ZdbEngine engine = null;
        try {
            // The hooks' instance id names the port, so a free port is chosen before the engine opens
            // (its namespaces-init hook already gets the id), not left to the server's bind.
            int port = launch.tcp() && launch.port() == 0 ? freePort(launch.listen()) : launch.port();
            ServerSettings settings = launch.serverSettings(port);
            String instanceId = settings.instanceId(port);
            EventBus events = new EventBus();
            events.addListener(new ServerFailureWatch(events, onFailure));
            launch.hook().ifPresent(path -> events.setHook(Optional.of(new ExternalHook(path, instanceId, Clock.systemUTC()))));
            engine = open(launch, instanceId, events);
            ZdbServer server = listen(engine, settings, launch);
            ServingReport report = new ServingReport(ProcessHandle.current().pid(),
                    launch.tcp() ? Optional.of(launch.listen()) : Optional.empty(),
                    launch.tcp() ? OptionalInt.of(server.tcpPort()) : OptionalInt.empty(),
                    launch.socket().map(Path::toString), instanceId, launch.data().toString(), launch.index().toString());
            return new ZdbService(lock, engine, server, report);
        } catch (RuntimeException e) {
            if (engine != null) {
                closeQuietly(engine);
            }
            lock.close();
            throw e;
        }
    }

    public ServingReport report() {
        return report;
    }

    private static void directory(String role, Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw QsctlException.invalidInput("cannot create the " + role + " directory " + dir + ": " + reason(e));
        }
        if (!Files.isWritable(dir)) {
            throw QsctlException.invalidInput("the " + role + " directory " + dir + " is not writable");
        }
    }

    private static int freePort(String address) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(address, 0));
            return probe.getLocalPort();
        } catch (IOException e) {
            throw QsctlException.invalidInput("cannot listen on tcp " + address + ": " + reason(e));
        }
    }

    private static ZdbEngine open(ZdbLaunch launch, String instanceId, EventBus events) {
        try {
            return ZdbEngine.open(launch.engineSettings(instanceId), events);
        } catch (UncheckedIOException e) {
            throw QsctlException.invalidInput(e.getMessage() + ": " + reason(e.getCause()));
        } catch (RuntimeException e) {
            throw new QsctlException(io.qsctl.common.ExitCode.ERROR,
                    "cannot open the 0-db files in " + launch.index() + " and " + launch.data() + ": " + e, e);
        }
    }

    private static ZdbServer listen(ZdbEngine engine, ServerSettings settings, ZdbLaunch launch) {
        try {
            return ZdbServer.start(engine, settings);
        } catch (UncheckedIOException e) {
            // the server's message names the address: "cannot listen on tcp 127.0.0.1:9900: Address already in use"
            throw QsctlException.invalidInput(e.getMessage());
        } catch (IllegalStateException e) {
            throw QsctlException.invalidInput("the ready hook " + launch.hook().map(Path::toString).orElse("")
                    + " failed (it must exit 0); not serving");
        } catch (IllegalArgumentException e) {
            throw QsctlException.invalidInput("cannot listen on tcp " + settings.listenAddress() + ": " + e);
        }
    }

    /** Stops the server, then closes the engine (flush, sync, namespace-closing hooks). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.close();
            engine.close();
            LOG.info("closed the engine on {} and {}", report.index(), report.data());
        } finally {
            lock.close();
        }
    }

    private static void closeQuietly(ZdbEngine engine) {
        try {
            engine.close();
        } catch (RuntimeException e) {
            LOG.warn("cannot close the engine: {}", e.toString());
        }
    }

    /** The operating system's reason, without Java's exception names. */
    private static String reason(Throwable e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "a file is in the way";
        }
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e == null ? "unknown reason" : String.valueOf(e.getMessage());
    }
}
