package io.qsctl.zdb.engine;

import io.qsctl.common.FileTrees;
import io.qsctl.zdb.format.NamespaceDescriptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A 0-db compatible storage engine: namespaces of key-value or sequential data in 0-db's own
 * on-disk format, so 0-db's tools read our files and we read theirs.
 *
 * <p>Thread-safety: every public method locks the engine; the server runs its event loop on one
 * thread, the runtime may call from others. Writes are durable against a killed process once
 * {@link #flush()} returns (with {@code autoFlush}, once the write returns), and against a power
 * cut only with a sync policy.
 *
 * <p>A full disk fails the writes of the batch that did not fit, and only those: they are taken
 * back from memory and files (see {@link Namespace}), {@link #flush()} throws 0-db's error for
 * them, and the namespace goes on serving reads, and writes once there is space again.
 */
public final class ZdbEngine implements AutoCloseable {

    public static final String DEFAULT_NAMESPACE = "default";
    private static final Logger LOG = LoggerFactory.getLogger(ZdbEngine.class);

    private final EngineSettings settings;
    private final EventBus events;
    private final Map<String, Namespace> namespaces = new LinkedHashMap<>();
    private final Set<Namespace> dirty = new LinkedHashSet<>();
    /** Batches that failed outside {@link #flushBatches()} (a rotation's flush), for it to report. */
    private final List<FailedBatch> failed = new ArrayList<>();
    private long lastSync;
    private boolean closed;

    private ZdbEngine(EngineSettings settings, EventBus events) {
        this.settings = settings;
        this.events = events;
    }

    /** Opens (and recovers) every namespace under the index root, creating the default one if needed. */
    public static ZdbEngine open(EngineSettings settings) {
        return open(settings, new EventBus());
    }

    public static ZdbEngine open(EngineSettings settings, EventBus events) {
        try {
            Files.createDirectories(settings.indexRoot());
            Files.createDirectories(settings.dataRoot());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the engine's directories", e);
        }
        ZdbEngine engine = new ZdbEngine(settings, events);
        events.publish(new EngineEvent.NamespacesInit(settings.indexRoot().toString(), settings.dataRoot().toString()));
        synchronized (engine) {
            engine.loadAll();
        }
        return engine;
    }

    private void loadAll() {
        Namespace defaultNamespace = Namespace.load(this, DEFAULT_NAMESPACE);
        if (settings.defaultMaxSize() > 0) {
            defaultNamespace.overrideMaxSize(settings.defaultMaxSize());
        }
        namespaces.put(DEFAULT_NAMESPACE, defaultNamespace);
        List<String> names = new ArrayList<>();
        try (var dirs = Files.list(settings.indexRoot())) {
            for (Path dir : (Iterable<Path>) dirs::iterator) {
                String name = dir.getFileName().toString();
                if (Files.isDirectory(dir) && !name.equals(DEFAULT_NAMESPACE) && !name.startsWith(".")) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + settings.indexRoot(), e);
        }
        names.sort(null);
        for (String name : names) {
            try {
                namespaces.put(name, Namespace.load(this, name));
            } catch (RuntimeException e) {
                LOG.error("namespace {} cannot be loaded and is skipped: {}", name, e.getMessage());
            }
        }
        lastSync = now();
    }

    public EngineSettings settings() {
        return settings;
    }

    public EventBus events() {
        return events;
    }

    Logger log() {
        return LOG;
    }

    long now() {
        return settings.clock().instant().getEpochSecond();
    }

    int nowSeconds() {
        return (int) now();
    }

    // ------------------------------------------------------------------ namespaces

    public synchronized Optional<Namespace> namespace(String name) {
        return Optional.ofNullable(namespaces.get(name));
    }

    public synchronized Namespace defaultNamespace() {
        return namespaces.get(DEFAULT_NAMESPACE);
    }

    /**
     * With 0-db's {@code --protect}, the default namespace takes the admin password, in memory
     * only: reading it stays open (it is public), writing needs the password.
     */
    public synchronized void protectDefault(Optional<String> adminPassword) {
        defaultNamespace().overridePassword(adminPassword);
    }

    /** Names, the default first, then in creation or load order. */
    public synchronized List<String> namespaceNames() {
        return new ArrayList<>(namespaces.keySet());
    }

    /**
     * NSNEW: a new, public namespace without password or limit. When its files cannot be made (a
     * full disk), what was made of them is removed again, so the name can be taken once there is
     * space and no half-made namespace turns up at the next start.
     */
    public synchronized Namespace createNamespace(String name) {
        if (name.length() > Namespace.MAX_NAME) {
            throw new ZdbError("Namespace too long");
        }
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.equals(DEFAULT_NAMESPACE)
                || name.contains("/") || name.contains("\0")) {
            throw new ZdbError("This name is not allowed");
        }
        if (namespaces.containsKey(name) || Files.exists(settings.indexRoot().resolve(name))) {
            throw new ZdbError("This namespace is not available");
        }
        Path dataDir = settings.dataRoot().resolve(name);
        boolean dataDirExisted = Files.exists(dataDir);
        Namespace ns;
        try {
            ns = Namespace.load(this, name);
        } catch (RuntimeException e) {
            removeUnfinished(settings.indexRoot().resolve(name), e);
            if (!dataDirExisted) {
                removeUnfinished(dataDir, e);
            }
            LOG.error("cannot create namespace {}: {}", name, e.toString());
            throw new ZdbError("Could not create namespace");
        }
        namespaces.put(name, ns);
        events.publish(new EngineEvent.NamespaceCreated(name));
        return ns;
    }

    /** Removes a directory a failed NSNEW made; failing that, says so with the failure. */
    private static void removeUnfinished(Path dir, RuntimeException failure) {
        try {
            FileTrees.delete(dir);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /** NSDEL: removes a namespace and all its files. */
    public synchronized void deleteNamespace(String name) {
        if (name.equals(DEFAULT_NAMESPACE)) {
            throw new ZdbError("Cannot remove default namespace");
        }
        Namespace ns = namespaces.get(name);
        if (ns == null) {
            throw new ZdbError("This namespace doesn't exists");
        }
        dirty.remove(ns);
        try {
            ns.destroy();
        } catch (RuntimeException e) {
            LOG.error("cannot delete namespace {}: {}", name, e.toString());
            throw new ZdbError("Could not delete this namespace");
        } finally {
            namespaces.remove(name);
        }
        events.publish(new EngineEvent.NamespaceDeleted(name));
    }

    /** RELOAD: replays a namespace from disk. */
    public synchronized void reload(String name) {
        Namespace ns = namespaces.get(name);
        if (ns == null) {
            throw new ZdbError("Namespace not found");
        }
        // writes still buffered are flushed first, and a batch that fails is reported as any other
        flushNamespace(ns);
        ns.reload();
        events.publish(new EngineEvent.NamespaceReloaded(name));
    }

    /** Whether a namespace was removed (clients attached to it must be told). */
    public boolean isRemoved(Namespace ns) {
        return ns.removed();
    }

    // ------------------------------------------------------------------ batches

    /** Called by a namespace after each write; with {@code autoFlush}, throws the {@link BatchFailure} of that write. */
    void written(Namespace ns) {
        if (settings.autoFlush()) {
            flushBatch(ns, mustSync());
        } else {
            dirty.add(ns);
        }
    }

    /**
     * Flushes a namespace before something that needs its files current (a scan, a rotation).
     * A failed batch is refused with SET's error; without {@code autoFlush} it is also kept for
     * {@link #flushBatches()} to report, because the writes it held were answered by then.
     */
    void flushNamespace(Namespace ns) {
        try {
            flushBatch(ns, mustSync());
        } catch (BatchFailure failure) {
            if (!settings.autoFlush()) {
                failed.add(failure.failed());
            }
            throw failure.failed().error(false);
        }
    }

    private void flushBatch(Namespace ns, boolean sync) {
        try {
            ns.flush(sync);
        } finally {
            // a batch that was appended but not completed keeps its rewrites queued for the next flush
            if (ns.dirty()) {
                dirty.add(ns);
            } else {
                dirty.remove(ns);
            }
        }
    }

    /**
     * Hands every buffered write to the kernel (and to the disk, as the sync policy says). A batch
     * that could not be written (a full disk) is taken back; this then throws 0-db's error for it,
     * after flushing the other namespaces. For library use; the server calls {@link #flushBatches()}.
     */
    public synchronized void flush() {
        List<FailedBatch> failures = flushBatches();
        if (!failures.isEmpty()) {
            throw failures.get(0).error(false);
        }
    }

    /**
     * Hands every buffered write to the kernel, as {@link #flush()}, and returns the batches that
     * could not be written instead of throwing, those that failed since the last call included:
     * the server calls this once per round of requests, before sending their replies, and answers
     * every request whose reply shows a write of a failed batch with the batch's error.
     */
    public synchronized List<FailedBatch> flushBatches() {
        if (!dirty.isEmpty()) {
            boolean sync = mustSync();
            for (Namespace ns : new ArrayList<>(dirty)) {
                try {
                    flushBatch(ns, sync);
                } catch (BatchFailure failure) {
                    failed.add(failure.failed());
                }
            }
        }
        if (failed.isEmpty()) {
            return List.of();
        }
        List<FailedBatch> report = List.copyOf(failed);
        failed.clear();
        return report;
    }

    private boolean mustSync() {
        SyncPolicy policy = settings.sync();
        if (policy.always()) {
            return true;
        }
        long interval = policy.interval().toSeconds();
        if (interval > 0) {
            long now = now();
            if (now - lastSync >= interval) {
                lastSync = now;
                return true;
            }
        }
        return false;
    }

    /** Runs time-based work: the rotation timer. The server calls it about once a second. */
    public synchronized void tick() {
        long period = settings.rotateAfter().toSeconds();
        if (period <= 0) {
            return;
        }
        long now = now();
        for (Namespace ns : namespaces.values()) {
            ns.rotateIfDue(now, period);
        }
    }

    /** Flushes and closes every namespace (firing {@code namespace-closing} for each). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException first = null;
        for (Namespace ns : namespaces.values()) {
            try {
                ns.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        namespaces.clear();
        if (first != null) {
            throw first;
        }
    }

    /** The descriptor file name inside each namespace's index directory. */
    public static String descriptorFile() {
        return NamespaceDescriptor.FILE_NAME;
    }
}
