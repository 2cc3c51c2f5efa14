package io.qsctl.zdb.engine;

import io.qsctl.common.FileTrees;
import io.qsctl.zdb.format.IndexHeader;
import io.qsctl.zdb.format.Mode;
import io.qsctl.zdb.format.NamespaceDescriptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * The state of a {@link Namespace} and how it is kept: its settings, its files and the memory
 * index over them, the batches that take writes from memory to the files (flush, commit, and the
 * roll-back of a batch that cannot be written), file rotation, and opening, reloading, wiping and
 * closing. {@link Namespace} adds 0-db's commands on keys.
 *
 * <p>The two are one object, split in two files so that each can be read whole: the write and
 * read paths in {@link Namespace} use the fields declared here directly, with nothing in between,
 * which is why they are package-private rather than reached through accessors or a second object.
 * Only {@link Namespace} extends this class.
 *
 * <p>A batch that cannot be written (a full disk) is taken back whole: its appends are cut off
 * the files and the memory goes back to the last flush, the key index through a {@link KeyUndo}
 * log, the rest from a {@link CommitPoint}. So neither memory nor files ever hold a write that was
 * not acknowledged, and writes work again, in the same process, once there is space.
 */
abstract sealed class NamespaceStorage permits Namespace {

    final ZdbEngine engine;
    final String name;
    private final Path indexDir;
    private final Path dataDir;
    NamespaceDescriptor descriptor;
    Mode mode;
    boolean locked;
    boolean frozen;
    private volatile boolean removed;
    /** Set when the engine lets the default namespace's limit come from --maxsize rather than its file. */
    private long maxSizeOverride = -1;
    private Optional<String> passwordOverride = Optional.empty();

    IndexStore index;
    DataStore data;
    final KeyIndex keys = new KeyIndex();
    final SeqMap seqmap = new SeqMap();
    /** Sequential mode: the next id; user mode: index entries written. */
    long nextId;
    long liveEntries;
    long dataSize;
    boolean writtenSinceJump;
    private long lastJump;
    /** The writes since the last flush are batch number {@code batch}; a flush or a rollback starts the next. */
    private long batch;
    private CommitPoint committed;
    final KeyUndo undo = new KeyUndo();

    /** The namespace as of its last flush: what a batch that cannot be written is taken back to. */
    private record CommitPoint(long dataSize, int dataPrevious, long indexSize, int indexPrevious, int rewrites,
                               long nextId, long liveEntries, long valueBytes) {
    }

    NamespaceStorage(ZdbEngine engine, String name) {
        this.engine = engine;
        this.name = name;
        this.indexDir = engine.settings().indexRoot().resolve(name);
        this.dataDir = engine.settings().dataRoot().resolve(name);
    }

    /** This namespace, as the engine and failed batches name it: the one class that extends this one. */
    private Namespace namespace() {
        return (Namespace) this;
    }

    /** Opens the files, creating them when new, and reads them into the (empty) memory; see {@link NamespaceRecovery}. */
    void open() {
        NamespaceRecovery.Recovered recovered = NamespaceRecovery.recover(engine, name, indexDir, dataDir, keys, seqmap);
        descriptor = recovered.descriptor();
        mode = recovered.mode();
        index = recovered.index();
        data = recovered.data();
        nextId = recovered.nextId();
        liveEntries = recovered.liveEntries();
        dataSize = recovered.dataSize();
        lastJump = recovered.openedAt();
        commit();
    }

    // ------------------------------------------------------------------ properties

    public String name() {
        synchronized (engine) {
            return name;
        }
    }

    public Mode mode() {
        synchronized (engine) {
            return mode;
        }
    }

    public boolean isPublic() {
        synchronized (engine) {
            return descriptor.isPublic();
        }
    }

    public boolean worm() {
        synchronized (engine) {
            return descriptor.worm();
        }
    }

    public boolean locked() {
        synchronized (engine) {
            return locked || frozen;
        }
    }

    public boolean frozen() {
        synchronized (engine) {
            return frozen;
        }
    }

    public Optional<String> password() {
        synchronized (engine) {
            return passwordOverride.isPresent() ? passwordOverride : descriptor.password();
        }
    }

    public long maxSize() {
        synchronized (engine) {
            return maxSizeOverride >= 0 ? maxSizeOverride : descriptor.maxSize();
        }
    }

    /** Live keys (DBSIZE). */
    public long entries() {
        synchronized (engine) {
            return mode == Mode.USER ? keys.live() : liveEntries;
        }
    }

    /** Sum of the live values' lengths. */
    public long dataSize() {
        synchronized (engine) {
            return dataSize;
        }
    }

    boolean removed() {
        return removed;
    }

    /** The default namespace's limit and password may come from daemon options, in memory only. */
    void overrideMaxSize(long maxSize) {
        maxSizeOverride = maxSize;
    }

    void overridePassword(Optional<String> password) {
        passwordOverride = password;
    }

    /** Writes the changed descriptor, and only then takes it: a write that fails (a full disk) changes nothing. */
    void commitDescriptor(NamespaceDescriptor changed) {
        DescriptorFile.write(indexDir, changed);
        descriptor = changed;
        engine.events().publish(new EngineEvent.NamespaceUpdated(name));
    }

    /**
     * Changes the mode of a namespace nothing was ever written to (NSSET mode). Refused when the
     * server runs a single mode, or the namespace is in use.
     */
    public void changeMode(Mode newMode) {
        synchronized (engine) {
            if (engine.settings().mode().isPresent()) {
                throw new ZdbError("This server instance is configured to use a single runtime mode");
            }
            if (nextId != 0 || index.activeId() != 0 || index.activeSize() != IndexHeader.SIZE) {
                throw new ZdbError("Cannot change mode of used namespace");
            }
            if (newMode == mode) {
                return;
            }
            index.rewrite(0, 0, IndexHeader.fresh(0, newMode, engine.now()).toBytes());
            index.applyRewrites();
            index.resetDirty();
            mode = newMode;
            seqmap.clear();
            seqmap.push(0, 0);
            engine.events().publish(new EngineEvent.NamespaceUpdated(name));
        }
    }

    // ------------------------------------------------------------------ files

    /**
     * Seals the current index and data files and starts the next pair (NSJUMP, size, timer). When
     * the new files cannot be started (a full disk), the current ones stay active and this is
     * refused with 0-db's reply for the file that failed.
     */
    public void jump() {
        synchronized (engine) {
            engine.flushNamespace(namespace());
            long now = engine.now();
            int oldId = index.activeId();
            int newId = oldId + 1;
            String oldIndex = index.activePath().toString();
            String oldData = data.activePath().toString();
            boolean indexStarted = false;
            try {
                index.createActive(newId, mode, now);
                indexStarted = true;
                data.jump(newId, engine.settings().sync().always() || !engine.settings().sync().interval().isZero());
            } catch (UncheckedIOException e) {
                abandonJump(oldId, e);
                throw ZdbError.cannotWrite(!indexStarted);
            }
            if (mode == Mode.SEQ) {
                seqmap.push(nextId, newId);
            }
            lastJump = now;
            writtenSinceJump = false;
            if (engine.events().publish(new EngineEvent.JumpIndex(name, oldIndex, index.activePath().toString(),
                    dirtyList()))) {
                index.resetDirty();
            }
            engine.events().publish(new EngineEvent.JumpData(name, oldData, data.activePath().toString()));
            commit();
        }
    }

    /** Makes the files of {@code oldId} active again after a rotation that could not start the next pair. */
    private void abandonJump(int oldId, UncheckedIOException cause) {
        engine.log().warn("{}: cannot start the files after {}; staying on them: {}", name, index.pathOf(oldId),
                cause.getMessage());
        try {
            index.abandonCreate(oldId, committed.indexSize());
            data.abandonJump(oldId, committed.dataSize());
        } catch (RuntimeException e) {
            e.addSuppressed(cause);
            throw e;
        }
    }

    /** Rotates when the timer says so: files changed since the last rotation, and it is older than the period. */
    void rotateIfDue(long now, long periodSeconds) {
        if (periodSeconds > 0 && writtenSinceJump && now - lastJump >= periodSeconds) {
            jump();
        }
    }

    /** Ids of index files changed in place since the last reset (INDEX DIRTY). */
    public List<Integer> dirtyIndexes() {
        synchronized (engine) {
            BitSet dirty = index.dirtyFiles();
            List<Integer> ids = new ArrayList<>();
            dirty.stream().forEach(ids::add);
            return ids;
        }
    }

    public void resetDirtyIndexes() {
        synchronized (engine) {
            index.resetDirty();
        }
    }

    private String dirtyList() {
        StringBuilder out = new StringBuilder();
        index.dirtyFiles().stream().forEach(id -> out.append(out.length() > 0 ? " " : "").append(id));
        return out.toString();
    }

    /** Tells the engine a sealed data file was taken off the disk, so its descriptor is closed. */
    public void offloaded(int dataFileId) {
        synchronized (engine) {
            if (dataFileId == data.activeId()) {
                throw new IllegalArgumentException("the active data file cannot be offloaded");
            }
            data.forget(dataFileId);
        }
    }

    public int activeFileId() {
        synchronized (engine) {
            return index.activeId();
        }
    }

    public Path dataFile(int fileId) {
        synchronized (engine) {
            return data.pathOf(fileId);
        }
    }

    public Path indexFile(int fileId) {
        synchronized (engine) {
            return index.pathOf(fileId);
        }
    }

    // ------------------------------------------------------------------ batches

    /** Whether there are writes the kernel does not have yet. */
    boolean dirty() {
        return data.dirty() || index.dirtyWrites();
    }

    /**
     * The number of the batch this namespace's unflushed writes belong to, or -1 when there are
     * none: a reply that shows such a write may go out only if that batch is not among those
     * {@link ZdbEngine#flushBatches()} reports failed.
     */
    public long unflushedBatch() {
        synchronized (engine) {
            return dirty() ? batch : -1;
        }
    }

    /**
     * Hands buffered writes to the kernel: data, then index appends, then in-place rewrites. When
     * the data or the index appends fail (a full disk), the whole batch is taken back and a
     * {@link BatchFailure} says so; once the appends are out, a later failure cannot take them back
     * (in-place rewrites may already have been applied), and the failure says the batch may have
     * taken effect.
     */
    void flush(boolean forceToDisk) {
        try {
            data.flush();
        } catch (UncheckedIOException e) {
            throw rollBack(false, e);
        }
        try {
            index.flushAppends();
        } catch (UncheckedIOException e) {
            throw rollBack(true, e);
        }
        try {
            index.applyRewrites(forceToDisk);
        } catch (UncheckedIOException e) {
            throw incomplete(true, e);
        }
        if (forceToDisk) {
            try {
                data.sync();
            } catch (UncheckedIOException e) {
                throw incomplete(false, e);
            }
            try {
                index.sync();
            } catch (UncheckedIOException e) {
                throw incomplete(true, e);
            }
        }
        commit();
    }

    /** A batch whose appends are out but whose rewrites or sync failed: it stays, and may or may not last. */
    private BatchFailure incomplete(boolean indexFailed, UncheckedIOException cause) {
        long failed = batch;
        engine.log().warn("{}: batch {} was appended but not completed: {}", name, failed, cause.getMessage());
        commit();
        return new BatchFailure(new FailedBatch(namespace(), failed, indexFailed, false), cause);
    }

    /** The batch now flushed (or as good as, see {@link #flush}) is the one to go back to from now on. */
    private void commit() {
        committed = new CommitPoint(data.activeSize(), data.previous(), index.activeSize(), index.previous(),
                index.queuedRewrites(), nextId, liveEntries, dataSize);
        undo.clear();
        batch++;
    }

    /**
     * Takes back the current batch, in memory and in the files: what {@link #flush} does when its
     * appends fail. The index is cut first, and the data only if that worked, so an index entry
     * that could not be cut off keeps its data.
     */
    private BatchFailure rollBack(boolean indexFailed, UncheckedIOException cause) {
        long failed = batch;
        engine.log().warn("{}: cannot write batch {}; taking it back: {}", name, failed, cause.getMessage());
        undo.undo(keys);
        nextId = committed.nextId();
        liveEntries = committed.liveEntries();
        dataSize = committed.valueBytes();
        batch++;
        boolean undone = true;
        try {
            index.rollBack(committed.indexSize(), committed.indexPrevious(), committed.rewrites());
            data.rollBack(committed.dataSize(), committed.dataPrevious());
        } catch (UncheckedIOException e) {
            cause.addSuppressed(e);
            undone = false;
        }
        return new BatchFailure(new FailedBatch(namespace(), failed, indexFailed, undone), cause);
    }

    // ------------------------------------------------------------------ the namespace as a whole

    /** FLUSH: wipes every key; refused for public namespaces and those without a password. */
    public void wipe() {
        synchronized (engine) {
            if (descriptor.isPublic() || password().isEmpty()) {
                throw new ZdbError("Flushing public namespace denied");
            }
            index.deleteFiles();
            data.deleteFiles();
            keys.clear();
            seqmap.clear();
            nextId = 0;
            liveEntries = 0;
            dataSize = 0;
            long now = engine.now();
            index.createActive(0, mode, now);
            data = DataStore.open(name, dataDir, 0, engine.events());
            seqmap.push(0, 0);
            commit();
        }
    }

    public NamespaceInfo info() {
        synchronized (engine) {
            return new NamespaceInfo(name, entries(), descriptor.isPublic(), descriptor.worm(), locked(), frozen,
                    password().isPresent(), dataSize, maxSize(), mode == Mode.USER ? keys.memoryBytes() : seqmap.memoryBytes(),
                    nextId, mode, data.activeId(), data.activeSize(), indexDir, dataDir, freeSpace(indexDir), freeSpace(dataDir));
        }
    }

    private static long freeSpace(Path dir) {
        try {
            return Files.getFileStore(dir).getUsableSpace();
        } catch (IOException e) {
            return 0;
        }
    }

    void close() {
        try {
            flush(true);
            engine.events().publish(new EngineEvent.NamespaceClosing(name, index.activePath().toString(),
                    data.activePath().toString(), dirtyList()));
        } finally {
            try {
                index.close();
            } finally {
                data.close();
            }
        }
    }

    /** Removes the namespace's files (NSDEL). */
    void destroy() {
        removed = true;
        index.deleteFiles();
        data.deleteFiles();
        try {
            FileTrees.delete(indexDir);
            FileTrees.delete(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove namespace " + name, e);
        }
    }

    /** RELOAD: drops memory and replays the files. */
    void reload() {
        flush(true);
        index.close();
        data.close();
        keys.clear();
        seqmap.clear();
        nextId = 0;
        liveEntries = 0;
        dataSize = 0;
        open();
    }
}
