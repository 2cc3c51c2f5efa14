package io.qsctl.zdb.engine;

import io.qsctl.common.DurableFiles;
import io.qsctl.common.FileTrees;
import io.qsctl.zdb.format.DataEntryHeader;
import io.qsctl.zdb.format.IndexEntry;
import io.qsctl.zdb.format.IndexHeader;
import io.qsctl.zdb.format.Mode;
import io.qsctl.zdb.format.NamespaceDescriptor;
import io.qsctl.zdb.format.ZdbCrc32c;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One namespace: its files, its in-memory index and the operations 0-db offers on it. Writes go to
 * the data file first and the index second, both through write buffers the engine flushes per
 * batch; rewrites of existing index entries wait until those appends are out (see
 * {@link IndexStore}). Every public method holds the engine's lock, so the server loop and
 * other threads (the runtime) can share a namespace.
 *
 * <p>A batch that cannot be written (a full disk) is taken back whole: its appends are cut off
 * the files and the memory goes back to the last flush, the key index through a {@link KeyUndo}
 * log, the rest from a {@link CommitPoint}. So neither memory nor files ever hold a write that was
 * not acknowledged, and writes work again, in the same process, once there is space.
 */
public final class Namespace {

    public static final int MAX_KEY = 255;
    public static final int MAX_NAME = 128;
    static final int SEQ_KEY = 8;
    static final int SEQ_ENTRY = IndexEntry.FIXED_SIZE + SEQ_KEY;
    private static final long SCAN_BUDGET_NANOS = 2_000_000;
    private static final int SCAN_MAX_ITEMS = 10_000;

    private final ZdbEngine engine;
    private final String name;
    private final Path indexDir;
    private final Path dataDir;
    private NamespaceDescriptor descriptor;
    private Mode mode;
    private boolean locked;
    private boolean frozen;
    private volatile boolean removed;
    /** Set when the engine lets the default namespace's limit come from --maxsize rather than its file. */
    private long maxSizeOverride = -1;
    private Optional<String> passwordOverride = Optional.empty();

    private IndexStore index;
    private DataStore data;
    private final KeyIndex keys = new KeyIndex();
    private final SeqMap seqmap = new SeqMap();
    /** Sequential mode: the next id; user mode: index entries written. */
    private long nextId;
    private long liveEntries;
    private long dataSize;
    private boolean writtenSinceJump;
    private long lastJump;
    /** The writes since the last flush are batch number {@code batch}; a flush or a rollback starts the next. */
    private long batch;
    private CommitPoint committed;
    private final KeyUndo undo = new KeyUndo();

    /** The namespace as of its last flush: what a batch that cannot be written is taken back to. */
    private record CommitPoint(long dataSize, int dataPrevious, long indexSize, int indexPrevious, int rewrites,
                               long nextId, long liveEntries, long valueBytes) {
    }

    private Namespace(ZdbEngine engine, String name) {
        this.engine = engine;
        this.name = name;
        this.indexDir = engine.settings().indexRoot().resolve(name);
        this.dataDir = engine.settings().dataRoot().resolve(name);
    }

    // ------------------------------------------------------------------ loading and recovery

    /** Opens a namespace from disk, creating its directories and files when new. */
    static Namespace load(ZdbEngine engine, String name) {
        Namespace ns = new Namespace(engine, name);
        try {
            ns.open();
        } catch (RuntimeException e) {
            ns.closeFilesAfter(e);
            throw e;
        }
        return ns;
    }

    /** Closes what a failed {@link #open} had opened; what goes wrong meanwhile is added to {@code failure}. */
    private void closeFilesAfter(RuntimeException failure) {
        for (AutoCloseable files : new AutoCloseable[] {index, data}) {
            if (files == null) {
                continue;
            }
            try {
                files.close();
            } catch (Exception e) {
                failure.addSuppressed(e);
            }
        }
    }

    private void open() {
        openFiles();
        commit();
    }

    private void openFiles() {
        try {
            Files.createDirectories(indexDir);
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directories of namespace " + name, e);
        }
        descriptor = readDescriptor();
        long now = engine.now();
        index = IndexStore.create(indexDir);
        int last = 0;
        while (Files.exists(index.pathOf(last + 1))) {
            last++;
        }
        if (!Files.exists(index.pathOf(0))) {
            mode = engine.settings().mode().orElse(Mode.USER);
            index.createActive(0, mode, now);
            data = DataStore.open(name, dataDir, 0, engine.events());
            seqmap.push(0, 0);
            lastJump = now;
            return;
        }
        mode = readMode();
        data = DataStore.open(name, dataDir, last, engine.events());
        for (int id = 0; id <= last; id++) {
            boolean active = id == last;
            long size = fileSize(index.pathOf(id));
            if (size < IndexHeader.SIZE) {
                if (!active && size == 0 && id > 0) {
                    throw new UncheckedIOException(new IOException("index file " + index.pathOf(id)
                            + " is empty but newer files exist"));
                }
                // a rotation the process did not finish: start the file over
                index.createActive(id, mode, now);
                if (mode == Mode.SEQ) {
                    seqmap.push(nextId, id);
                }
                continue;
            }
            replayFile(id, size, active);
        }
        if (mode == Mode.USER) {
            keys.forEachLive((e, length) -> dataSize += length);
            liveEntries = keys.live();
        }
        lastJump = now;
    }

    private NamespaceDescriptor readDescriptor() {
        Path file = indexDir.resolve(NamespaceDescriptor.FILE_NAME);
        try {
            // one engine at a time opens a directory (qsctl zdb and the grid lock it): what a killed one left is nobody's
            DurableFiles.removeLeftovers(indexDir, NamespaceDescriptor.FILE_NAME);
            Files.deleteIfExists(indexDir.resolve(NamespaceDescriptor.FILE_NAME + ".tmp")); // as versions before named it
            if (Files.exists(file) && Files.size(file) >= NamespaceDescriptor.HEADER_SIZE) {
                return NamespaceDescriptor.read(Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        NamespaceDescriptor fresh = NamespaceDescriptor.fresh(name);
        writeDescriptor(fresh);
        return fresh;
    }

    private void writeDescriptor(NamespaceDescriptor d) {
        Path file = indexDir.resolve(NamespaceDescriptor.FILE_NAME);
        try {
            DurableFiles.replace(file, d.toBytes(), DurableFiles.Access.DEFAULT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private Mode readMode() {
        try (var channel = java.nio.channels.FileChannel.open(index.pathOf(0))) {
            ByteBuffer header = ByteBuffer.allocate(IndexHeader.SIZE);
            while (header.hasRemaining() && channel.read(header) > 0) {
                // fill
            }
            if (header.position() < IndexHeader.SIZE) {
                return engine.settings().mode().orElse(Mode.USER);
            }
            header.flip();
            return Mode.fromCode(IndexHeader.read(header).mode());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + index.pathOf(0), e);
        }
    }

    private static long fileSize(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /**
     * Replays one index file into memory. For the active file, entries at the end whose data did
     * not fully reach the data file (a crash between the two writes, or a torn write) are cut off
     * first, with the index file, so what is replayed is exactly what was acknowledged.
     */
    private void replayFile(int id, long size, boolean active) {
        try (var channel = java.nio.channels.FileChannel.open(index.pathOf(id))) {
            ByteBuffer header = ByteBuffer.allocate(IndexHeader.SIZE);
            while (header.hasRemaining() && channel.read(header, header.position()) > 0) {
                // fill
            }
            header.flip();
            IndexHeader.read(header);
            IndexWalker.Source source = (offset, into) -> {
                long at = offset;
                while (into.hasRemaining()) {
                    int n = channel.read(into, at);
                    if (n < 0) {
                        throw new IOException("end of file");
                    }
                    at += n;
                }
            };
            long validEnd = active ? validEndOfActive(source, size) : size;
            if (mode == Mode.SEQ) {
                seqmap.push(nextId, id);
            }
            IndexWalker walker = new IndexWalker(source, validEnd, IndexHeader.SIZE);
            int lastEntry = 0;
            while (walker.next()) {
                replay(id, walker);
                lastEntry = (int) walker.entryOffset;
            }
            long end = walker.position();
            if (active) {
                index.openActive(id, end, lastEntry);
            } else if (end < size) {
                engine.log().warn("{}: index file {} ends with {} unreadable bytes", name, index.pathOf(id), size - end);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replay " + index.pathOf(id), e);
        }
    }

    /** Where the valid entries of the active index file end. */
    private long validEndOfActive(IndexWalker.Source source, long size) throws IOException {
        List<long[]> tail = new ArrayList<>(); // offset, dataOffset, length, keyLength, crc, flags, dataId
        IndexWalker walker = new IndexWalker(source, size, IndexHeader.SIZE);
        while (walker.next()) {
            tail.add(new long[] {walker.entryOffset, walker.dataOffset & 0xFFFF_FFFFL, walker.length & 0xFFFF_FFFFL,
                walker.keyLength, walker.crc, walker.flags, walker.dataId});
        }
        long end = walker.position();
        // check from the end back to the first entry whose data is complete and intact
        for (int i = tail.size() - 1; i >= 0; i--) {
            long[] e = tail.get(i);
            if ((e[5] & IndexEntry.FLAG_DELETED) != 0 || (int) e[6] != data.activeId()) {
                break; // older data, written and synced before this file's newer entries
            }
            if (dataIntact(e[1], e[2], (int) e[3], (int) e[4])) {
                break;
            }
            end = e[0];
            engine.log().warn("{}: dropping index entry at {} whose data was not completely written", name, e[0]);
        }
        if (end < size) {
            engine.log().warn("{}: cutting {} bytes of an unfinished write from {}", name, size - end,
                    index.pathOf(data.activeId()));
        }
        return end;
    }

    private boolean dataIntact(long dataOffset, long length, int keyLength, int crc) {
        long entryEnd = dataOffset + DataEntryHeader.SIZE + keyLength + length;
        if (dataOffset < io.qsctl.zdb.format.DataHeader.SIZE || entryEnd > data.activeSize()) {
            return false;
        }
        DataEntryHeader header = data.readHeader(data.activeId(), dataOffset);
        if (header.keyLength() != keyLength || (header.length() & 0xFFFF_FFFFL) != length) {
            return false;
        }
        ByteBuffer payload = ByteBuffer.allocate((int) length);
        data.readPayload(data.activeId(), (int) dataOffset, keyLength, (int) length, payload);
        payload.flip();
        return ZdbCrc32c.of(payload) == crc;
    }

    private void replay(int fileId, IndexWalker w) {
        boolean deleted = w.deleted();
        if (mode == Mode.SEQ) {
            nextId++;
            if (!deleted) {
                liveEntries++;
                dataSize += w.length & 0xFFFF_FFFFL;
            }
            return;
        }
        nextId++;
        int e = keys.find(w.key, 0, w.keyLength);
        if (e < 0) {
            e = keys.insert(w.key, 0, w.keyLength);
        }
        keys.update(e, Location.of(w.dataId, w.dataOffset), Location.of(fileId, (int) w.entryOffset), w.length, w.crc,
                w.timestamp, deleted);
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

    public void setPassword(Optional<String> password) {
        synchronized (engine) {
            commitDescriptor(descriptor.withPassword(password));
        }
    }

    public void setPublic(boolean isPublic) {
        synchronized (engine) {
            commitDescriptor(descriptor.withPublic(isPublic));
        }
    }

    public void setWorm(boolean worm) {
        synchronized (engine) {
            commitDescriptor(descriptor.withWorm(worm));
        }
    }

    public void setMaxSize(long maxSize) {
        synchronized (engine) {
            commitDescriptor(descriptor.withMaxSize(maxSize));
        }
    }

    /** Read-only for everyone while set; clearing it also ends a freeze (0-db's NSSET lock). */
    public void setLocked(boolean lock) {
        synchronized (engine) {
            locked = lock;
            if (!lock) {
                frozen = false;
            }
            engine.events().publish(new EngineEvent.NamespaceUpdated(name));
        }
    }

    /** No reads and no writes while set. */
    public void setFrozen(boolean freeze) {
        synchronized (engine) {
            frozen = freeze;
            engine.events().publish(new EngineEvent.NamespaceUpdated(name));
        }
    }

    /** The default namespace's limit and password may come from daemon options, in memory only. */
    void overrideMaxSize(long maxSize) {
        maxSizeOverride = maxSize;
    }

    void overridePassword(Optional<String> password) {
        passwordOverride = password;
    }

    /** Writes the changed descriptor, and only then takes it: a write that fails (a full disk) changes nothing. */
    private void commitDescriptor(NamespaceDescriptor changed) {
        writeDescriptor(changed);
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

    // ------------------------------------------------------------------ writes

    private void checkWritable() {
        if (frozen) {
            throw ZdbError.frozen();
        }
        if (locked) {
            throw ZdbError.locked();
        }
    }

    private void checkReadable() {
        if (frozen) {
            throw ZdbError.frozen();
        }
    }

    /**
     * SET: stores a value. Returns the key (in sequential mode, the 8-byte id), or null when the key
     * already holds exactly this value and nothing was written. {@code timestamp} is the admin's
     * explicit timestamp (replication), or empty for now.
     */
    public byte[] set(byte[] key, int keyOffset, int keyLength, byte[] value, int valueOffset, int valueLength,
                      OptionalInt timestamp) {
        synchronized (engine) {
            if (keyLength > MAX_KEY) {
                throw new ZdbError("Key too large");
            }
            checkWritable();
            return mode == Mode.USER
                    ? setUser(key, keyOffset, keyLength, value, valueOffset, valueLength, timestamp)
                    : setSeq(key, keyOffset, keyLength, value, valueOffset, valueLength, timestamp);
        }
    }

    public byte[] set(byte[] key, byte[] value) {
        synchronized (engine) {
            return set(key, 0, key.length, value, 0, value.length, OptionalInt.empty());
        }
    }

    private byte[] setUser(byte[] key, int keyOffset, int keyLength, byte[] value, int valueOffset, int valueLength,
                           OptionalInt timestamp) {
        if (keyLength == 0) {
            throw new ZdbError("Invalid argument, key needed");
        }
        int e = keys.find(key, keyOffset, keyLength);
        boolean exists = e >= 0 && !keys.deleted(e);
        long floating = exists ? keys.length(e) & 0xFFFF_FFFFL : 0;
        if (exists && descriptor.worm()) {
            throw ZdbError.worm();
        }
        checkSpace(valueLength, floating);
        int crc = ZdbCrc32c.of(value, valueOffset, valueLength);
        if (exists && keys.crc(e) == crc && keys.length(e) == valueLength
                && sameBytes(keys.dataLocation(e), keyLength, value, valueOffset, valueLength)) {
            return null;
        }
        rotateIfFull(valueLength);
        int time = timestamp.orElseGet(engine::nowSeconds);
        int dataOffset = data.append(key, keyOffset, keyLength, value, valueOffset, valueLength, crc, 0, time);
        int fileId = index.activeId();
        long parent = exists ? keys.indexLocation(e) : Location.NONE;
        int indexOffset = index.append(key, keyOffset, keyLength, dataOffset, valueLength, 0, data.activeId(), time, crc,
                Location.fileId(parent), Location.offset(parent));
        if (exists) {
            index.markDeleted(Location.fileId(parent), Location.offset(parent));
        }
        if (e < 0) {
            e = keys.insert(key, keyOffset, keyLength);
            undo.inserted(e);
        } else {
            undo.changing(keys, e);
        }
        keys.update(e, Location.of(data.activeId(), dataOffset), Location.of(fileId, indexOffset), valueLength, crc, time,
                false);
        nextId++;
        dataSize += valueLength - floating;
        wrote(false);
        return Arrays.copyOfRange(key, keyOffset, keyOffset + keyLength);
    }

    private byte[] setSeq(byte[] key, int keyOffset, int keyLength, byte[] value, int valueOffset, int valueLength,
                          OptionalInt timestamp) {
        long slot = Location.NONE;
        IndexEntry existing = null;
        if (keyLength > 0) {
            slot = seqSlot(key, keyOffset, keyLength);
            existing = slot == Location.NONE ? null : index.readEntry(Location.fileId(slot), Location.offset(slot) & 0xFFFF_FFFFL);
            if (existing == null || existing.deleted()) {
                throw new ZdbError("Invalid key, only update authorized");
            }
        }
        long floating = existing == null ? 0 : existing.length() & 0xFFFF_FFFFL;
        if (existing != null && descriptor.worm()) {
            throw ZdbError.worm();
        }
        checkSpace(valueLength, floating);
        int crc = ZdbCrc32c.of(value, valueOffset, valueLength);
        if (existing != null && existing.crc() == crc && existing.length() == valueLength
                && sameBytes(Location.of(existing.dataId(), existing.dataOffset()), SEQ_KEY, value, valueOffset, valueLength)) {
            return null;
        }
        rotateIfFull(valueLength);
        int time = timestamp.orElseGet(engine::nowSeconds);
        if (existing == null) {
            byte[] id = seqKey(nextId);
            int dataOffset = data.append(id, 0, SEQ_KEY, value, valueOffset, valueLength, crc, 0, time);
            index.append(id, 0, SEQ_KEY, dataOffset, valueLength, 0, data.activeId(), time, crc, 0, 0);
            nextId++;
            liveEntries++;
            dataSize += valueLength;
            wrote(false);
            return id;
        }
        byte[] id = existing.key();
        int dataOffset = data.append(id, 0, SEQ_KEY, value, valueOffset, valueLength, crc, 0, time);
        // 0-db keeps the old version as a deleted copy appended to the current file (it takes an id),
        // and updates the id's own slot in place to point to the new data and to that copy.
        int copyOffset = index.append(id, 0, SEQ_KEY, existing.dataOffset(), existing.length(),
                existing.flags() | IndexEntry.FLAG_DELETED, existing.dataId(), existing.timestamp(), existing.crc(),
                existing.parentId(), existing.parentOffset());
        nextId++;
        IndexEntry updated = new IndexEntry(id, dataOffset, valueLength, existing.previous(), 0, data.activeId(), time, crc,
                index.activeId(), copyOffset);
        index.rewrite(Location.fileId(slot), Location.offset(slot) & 0xFFFF_FFFFL, updated.toBytes());
        dataSize += valueLength - floating;
        wrote(false);
        return id;
    }

    private void checkSpace(long valueLength, long floating) {
        long max = maxSize();
        if (max > 0 && dataSize + valueLength > max + floating) {
            throw ZdbError.noSpace();
        }
    }

    /**
     * Whether a stored value is byte-identical to the new one, so SET may answer nil and write
     * nothing. 0-db compares only the CRC, which drops a different value that happens to share it
     * (CRC32C is linear: such values are easy to make). We compare the bytes, but only while the
     * old value is in the active data file, which is in memory; an older one would cost a random
     * disk read on the event loop, so the new value is simply written again: a duplicate costs
     * space, a dropped write would cost data.
     */
    private boolean sameBytes(long dataLocation, int keyLength, byte[] value, int valueOffset, int valueLength) {
        if (valueLength == 0) {
            return true;
        }
        if (Location.fileId(dataLocation) != data.activeId()) {
            return false;
        }
        return data.payloadEquals(Location.fileId(dataLocation), Location.offset(dataLocation), keyLength, value,
                valueOffset, valueLength);
    }



    private void rotateIfFull(long valueLength) {
        // Unlike 0-db, a file with no entry yet is not sealed for a value bigger than the limit:
        // the value goes in it, instead of leaving an empty pair of files behind.
        if (data.activeSize() > io.qsctl.zdb.format.DataHeader.SIZE
                && data.activeSize() + valueLength > engine.settings().dataFileSize()) {
            jump();
        }
    }

    /** DEL: returns normally when deleted; the key must exist. */
    public void delete(byte[] key, int keyOffset, int keyLength, OptionalInt timestamp) {
        synchronized (engine) {
            if (keyLength > MAX_KEY) {
                throw new ZdbError("Invalid key");
            }
            checkWritable();
            int time = timestamp.orElseGet(engine::nowSeconds);
            if (mode == Mode.USER) {
                int e = keys.find(key, keyOffset, keyLength);
                if (e < 0 || keys.deleted(e)) {
                    throw new ZdbError("Key not found");
                }
                if (descriptor.worm()) {
                    throw new ZdbError("Cannot delete a key when namespace is in worm mode");
                }
                data.append(key, keyOffset, keyLength, key, 0, 0, 0, DataEntryHeader.FLAG_DELETED, time);
                long at = keys.indexLocation(e);
                index.markDeleted(Location.fileId(at), Location.offset(at) & 0xFFFF_FFFFL);
                dataSize -= keys.length(e) & 0xFFFF_FFFFL;
                undo.changing(keys, e);
                keys.update(e, keys.dataLocation(e), at, keys.length(e), keys.crc(e), keys.timestamp(e), true);
            } else {
                long slot = keyLength == SEQ_KEY ? seqSlot(key, keyOffset, keyLength) : Location.NONE;
                IndexEntry existing = slot == Location.NONE ? null
                        : index.readEntry(Location.fileId(slot), Location.offset(slot) & 0xFFFF_FFFFL);
                if (existing == null || existing.deleted()) {
                    throw new ZdbError("Key not found");
                }
                if (descriptor.worm()) {
                    throw new ZdbError("Cannot delete a key when namespace is in worm mode");
                }
                data.append(existing.key(), 0, SEQ_KEY, key, 0, 0, 0, DataEntryHeader.FLAG_DELETED, time);
                index.markDeleted(Location.fileId(slot), Location.offset(slot) & 0xFFFF_FFFFL);
                liveEntries--;
                dataSize -= existing.length() & 0xFFFF_FFFFL;
            }
            wrote(true);
        }
    }

    public void delete(byte[] key) {
        synchronized (engine) {
            delete(key, 0, key.length, OptionalInt.empty());
        }
    }

    /**
     * After a write: the engine flushes it at once ({@code autoFlush}) or with its batch. A write
     * flushed at once that fails is taken back and refused with 0-db's reply.
     */
    private void wrote(boolean delete) {
        writtenSinceJump = true;
        try {
            engine.written(this);
        } catch (BatchFailure failure) {
            throw failure.failed().error(delete);
        }
    }

    // ------------------------------------------------------------------ reads

    /** The current live entry of a key, located: index (file, offset) and the entry itself; null if absent. */
    private Found find(byte[] key, int keyOffset, int keyLength) {
        if (mode == Mode.USER) {
            int e = keys.find(key, keyOffset, keyLength);
            if (e < 0 || keys.deleted(e)) {
                return null;
            }
            long data = keys.dataLocation(e);
            return new Found(keys.indexLocation(e), Location.fileId(data), Location.offset(data), keys.length(e),
                    keys.crc(e), keys.timestamp(e), keyLength);
        }
        if (keyLength != SEQ_KEY) {
            return null;
        }
        long slot = seqSlot(key, keyOffset, keyLength);
        if (slot == Location.NONE) {
            return null;
        }
        IndexEntry entry = index.readEntry(Location.fileId(slot), Location.offset(slot) & 0xFFFF_FFFFL);
        if (entry == null || entry.deleted()) {
            return null;
        }
        return new Found(slot, entry.dataId(), entry.dataOffset(), entry.length(), entry.crc(), entry.timestamp(), SEQ_KEY);
    }

    private record Found(long indexLocation, int dataId, int dataOffset, int length, int crc, int timestamp,
                         int keyLength) {
    }

    /** GET into a sink; returns false when the key is absent. */
    public boolean get(byte[] key, int keyOffset, int keyLength, ValueSink sink) {
        synchronized (engine) {
            if (keyLength > MAX_KEY) {
                throw new ZdbError("Invalid key");
            }
            checkReadable();
            if (mode == Mode.USER) {
                // the hot path of GET: no intermediate object
                int e = keys.find(key, keyOffset, keyLength);
                if (e < 0 || keys.deleted(e)) {
                    return false;
                }
                long location = keys.dataLocation(e);
                int length = keys.length(e);
                data.readPayload(Location.fileId(location), Location.offset(location), keyLength, length,
                        sink.target(length));
                return true;
            }
            Found found = find(key, keyOffset, keyLength);
            if (found == null) {
                return false;
            }
            ByteBuffer into = sink.target(found.length());
            data.readPayload(found.dataId(), found.dataOffset(), found.keyLength(), found.length(), into);
            return true;
        }
    }

    public Optional<byte[]> get(byte[] key) {
        synchronized (engine) {
            byte[][] holder = new byte[1][];
            boolean found = get(key, 0, key.length, length -> {
                holder[0] = new byte[length];
                return ByteBuffer.wrap(holder[0]);
            });
            return found ? Optional.of(holder[0]) : Optional.empty();
        }
    }

    public boolean exists(byte[] key, int keyOffset, int keyLength) {
        synchronized (engine) {
            if (keyLength > MAX_KEY) {
                throw new ZdbError("Invalid key");
            }
            checkReadable();
            return find(key, keyOffset, keyLength) != null;
        }
    }

    public OptionalLong length(byte[] key, int keyOffset, int keyLength) {
        synchronized (engine) {
            if (keyLength > MAX_KEY) {
                throw new ZdbError("Invalid key");
            }
            checkReadable();
            Found found = find(key, keyOffset, keyLength);
            return found == null ? OptionalLong.empty() : OptionalLong.of(found.length() & 0xFFFF_FFFFL);
        }
    }

    public OptionalLong keyTime(byte[] key, int keyOffset, int keyLength) {
        synchronized (engine) {
            if (keyLength > MAX_KEY) {
                throw new ZdbError("Invalid key");
            }
            checkReadable();
            Found found = find(key, keyOffset, keyLength);
            return found == null ? OptionalLong.empty() : OptionalLong.of(found.timestamp() & 0xFFFF_FFFFL);
        }
    }

    /** CHECK: 1 when the stored value matches its checksum, 0 when not, -1 when unreadable; empty when absent. */
    public OptionalInt check(byte[] key, int keyOffset, int keyLength) {
        synchronized (engine) {
            if (keyLength > MAX_KEY) {
                throw new ZdbError("Invalid key");
            }
            checkReadable();
            Found found = find(key, keyOffset, keyLength);
            if (found == null) {
                return OptionalInt.empty();
            }
            ByteBuffer payload = ByteBuffer.allocate(found.length());
            try {
                data.readPayload(found.dataId(), found.dataOffset(), found.keyLength(), found.length(), payload);
            } catch (ZdbError unreadable) {
                return OptionalInt.of(-1);
            }
            payload.flip();
            return OptionalInt.of(ZdbCrc32c.of(payload) == found.crc() ? 1 : 0);
        }
    }

    /** KEYCUR: a scan cursor positioned on the key's current version. */
    public byte[] keyCursor(byte[] key, int keyOffset, int keyLength) {
        synchronized (engine) {
            checkReadable();
            Found found = find(key, keyOffset, Math.min(keyLength, MAX_KEY));
            if (found == null) {
                throw new ZdbError("Key not found");
            }
            return new Cursors.ScanCursor(found.keyLength(), Location.fileId(found.indexLocation()), found.length(),
                    Location.offset(found.indexLocation()), found.crc()).toBytes();
        }
    }

    // ------------------------------------------------------------------ sequential ids

    static byte[] seqKey(long id) {
        return ByteBuffer.allocate(SEQ_KEY).order(ByteOrder.LITTLE_ENDIAN).putLong(id).array();
    }

    /** The index location of a sequential id's own slot, or NONE when it was never allocated. */
    private long seqSlot(byte[] key, int keyOffset, int keyLength) {
        if (keyLength != SEQ_KEY) {
            return Location.NONE;
        }
        long id = ByteBuffer.wrap(key, keyOffset, SEQ_KEY).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (Long.compareUnsigned(id, nextId) >= 0) {
            return Location.NONE;
        }
        int slot = seqmap.slotOf(id);
        if (slot < 0) {
            return Location.NONE;
        }
        long offset = IndexHeader.SIZE + (id - seqmap.firstId(slot)) * SEQ_ENTRY;
        if (offset + SEQ_ENTRY > index.size(seqmap.fileId(slot))) {
            return Location.NONE;
        }
        return Location.of(seqmap.fileId(slot), (int) offset);
    }

    // ------------------------------------------------------------------ scans and history

    /** SCAN: live entries in write order, after the cursor (from the start when null). */
    public ScanPage scan(byte[] cursor) {
        synchronized (engine) {
            checkReadable();
            engine.flushNamespace(this);
            int fileId = 0;
            long from = IndexHeader.SIZE;
            if (cursor != null) {
                Cursors.ScanCursor at = validCursor(cursor);
                fileId = at.fileId();
                from = (at.offset() & 0xFFFF_FFFFL) + IndexEntry.FIXED_SIZE + at.keyLength();
            }
            List<ScanPage.Item> items = new ArrayList<>();
            Cursors.ScanCursor last = null;
            long deadline = System.nanoTime() + SCAN_BUDGET_NANOS;
            while (fileId <= index.activeId()) {
                long size = index.size(fileId);
                if (size < 0) {
                    break;
                }
                final int current = fileId;
                IndexWalker walker = new IndexWalker((offset, into) -> index.read(current, offset, into), size, from);
                try {
                    while (walker.next()) {
                        if (walker.deleted()) {
                            continue;
                        }
                        items.add(new ScanPage.Item(walker.keyCopy(), walker.length, walker.timestamp));
                        last = new Cursors.ScanCursor(walker.keyLength, current, walker.length, (int) walker.entryOffset,
                                walker.crc);
                        if (items.size() >= SCAN_MAX_ITEMS || System.nanoTime() > deadline) {
                            return new ScanPage(last.toBytes(), items);
                        }
                    }
                } catch (IOException e) {
                    throw ZdbError.internal();
                }
                fileId++;
                from = IndexHeader.SIZE;
            }
            if (items.isEmpty()) {
                throw new ZdbError("No more data");
            }
            return new ScanPage(last.toBytes(), items);
        }
    }

    /** RSCAN: live entries newest first, before the cursor (from the end when null). */
    public ScanPage reverseScan(byte[] cursor) {
        synchronized (engine) {
            checkReadable();
            engine.flushNamespace(this);
            long position;
            if (cursor != null) {
                Cursors.ScanCursor at = validCursor(cursor);
                position = entryBefore(at.fileId(), at.offset() & 0xFFFF_FFFFL);
            } else {
                position = lastEntry(index.activeId());
            }
            List<ScanPage.Item> items = new ArrayList<>();
            Cursors.ScanCursor last = null;
            long deadline = System.nanoTime() + SCAN_BUDGET_NANOS;
            while (position != -1) {
                int fileId = Location.fileId(position);
                long offset = Location.offset(position) & 0xFFFF_FFFFL;
                IndexEntry entry = index.readEntry(fileId, offset);
                if (entry == null) {
                    break;
                }
                if (!entry.deleted()) {
                    items.add(new ScanPage.Item(entry.key(), entry.length(), entry.timestamp()));
                    last = new Cursors.ScanCursor(entry.key().length, fileId, entry.length(), (int) offset, entry.crc());
                    if (items.size() >= SCAN_MAX_ITEMS || System.nanoTime() > deadline) {
                        break;
                    }
                }
                position = entryBefore(fileId, offset);
            }
            if (items.isEmpty()) {
                throw new ZdbError("No more data");
            }
            return new ScanPage(last.toBytes(), items);
        }
    }

    private Cursors.ScanCursor validCursor(byte[] cursor) {
        Cursors.ScanCursor at = Cursors.ScanCursor.parse(cursor);
        if (at == null) {
            throw new ZdbError("Invalid key format");
        }
        IndexEntry entry = index.readEntry(at.fileId(), at.offset() & 0xFFFF_FFFFL);
        if (entry == null || entry.length() != at.length() || entry.crc() != at.crc()
                || entry.key().length != at.keyLength()) {
            throw new ZdbError("Invalid key format");
        }
        return at;
    }

    /** Location of the last entry of a file, searching older files when it has none; -1 when none at all. */
    private long lastEntry(int fileId) {
        for (int id = fileId; id >= 0; id--) {
            long size = index.size(id);
            if (size <= IndexHeader.SIZE) {
                continue;
            }
            if (id == index.activeId() && index.previous() >= IndexHeader.SIZE && index.previous() < size) {
                return Location.of(id, index.previous());
            }
            long last = scanForLast(id, size, size);
            if (last >= 0) {
                return Location.of(id, (int) last);
            }
        }
        return -1;
    }

    /** The entry before (file, offset), following 0-db's {@code previous} links where they are sound. */
    private long entryBefore(int fileId, long offset) {
        if (offset <= IndexHeader.SIZE) {
            return fileId == 0 ? -1 : lastEntry(fileId - 1);
        }
        IndexEntry entry = index.readEntry(fileId, offset);
        if (entry != null) {
            long candidate = entry.previous() & 0xFFFF_FFFFL;
            if (candidate >= IndexHeader.SIZE && candidate < offset) {
                IndexEntry before = index.readEntry(fileId, candidate);
                if (before != null && candidate + before.size() == offset) {
                    return Location.of(fileId, (int) candidate);
                }
            }
        }
        long found = scanForLast(fileId, index.size(fileId), offset);
        return found >= 0 ? Location.of(fileId, (int) found) : (fileId == 0 ? -1 : lastEntry(fileId - 1));
    }

    /** The offset of the last entry that starts before {@code before}, by walking the file; -1 if none. */
    private long scanForLast(int fileId, long size, long before) {
        IndexWalker walker = new IndexWalker((o, into) -> index.read(fileId, o, into), size, IndexHeader.SIZE);
        long last = -1;
        try {
            while (walker.next() && walker.entryOffset < before) {
                last = walker.entryOffset;
            }
        } catch (IOException e) {
            throw ZdbError.internal();
        }
        return last;
    }

    /** HISTORY: a version of the key (the current one without a cursor) and the cursor to the one before. */
    public HistoryStep history(byte[] key, int keyOffset, int keyLength, byte[] cursor) {
        synchronized (engine) {
            checkReadable();
            IndexEntry entry;
            long location;
            if (cursor == null) {
                Found found = find(key, keyOffset, Math.min(keyLength, MAX_KEY));
                if (found == null) {
                    throw new ZdbError("Key not found");
                }
                location = found.indexLocation();
                entry = index.readEntry(Location.fileId(location), Location.offset(location) & 0xFFFF_FFFFL);
                if (entry == null) {
                    throw ZdbError.internal();
                }
            } else {
                if (cursor.length != Cursors.HISTORY_SIZE) {
                    throw new ZdbError("Invalid arguments");
                }
                location = Cursors.parseHistory(cursor);
                if (location == Location.NONE) {
                    throw new ZdbError("No more history");
                }
                entry = index.readEntry(Location.fileId(location), Location.offset(location) & 0xFFFF_FFFFL);
                if (entry == null) {
                    throw new ZdbError("Invalid arguments (index query)");
                }
                if (!Arrays.equals(entry.key(), 0, entry.key().length, key, keyOffset, keyOffset + keyLength)) {
                    throw new ZdbError("Invalid arguments (invalid key)");
                }
            }
            byte[] payload = new byte[entry.length()];
            data.readPayload(entry.dataId(), entry.dataOffset(), entry.key().length, entry.length(), ByteBuffer.wrap(payload));
            byte[] parent = entry.parentId() == 0 && entry.parentOffset() == 0 ? null
                    : Cursors.history(entry.parentId(), entry.parentOffset());
            return new HistoryStep(parent, entry.timestamp(), payload);
        }
    }

    /** DATA RAW: the data entry whose header starts at {@code offset} of {@code d<fileId>}. */
    public RawEntry rawData(int fileId, long offset) {
        synchronized (engine) {
            engine.flushNamespace(this);
            long size = data.size(fileId);
            if (size < 0) {
                throw ZdbError.internal();
            }
            if (offset < io.qsctl.zdb.format.DataHeader.SIZE || offset + DataEntryHeader.SIZE > size) {
                throw new ZdbError("EOF");
            }
            DataEntryHeader header = data.readHeader(fileId, offset);
            if (offset + header.entrySize() > size || header.length() > 8 * 1024 * 1024) {
                throw new ZdbError("EOF");
            }
            ByteBuffer key = ByteBuffer.allocate(header.keyLength());
            data.read(fileId, offset + DataEntryHeader.SIZE, key);
            byte[] payload = new byte[header.deleted() ? 0 : header.length()];
            if (payload.length > 0) {
                data.read(fileId, offset + DataEntryHeader.SIZE + header.keyLength(), ByteBuffer.wrap(payload));
            }
            return new RawEntry(key.array(), header.previous(), header.integrity(), header.flags(), header.timestamp(), payload);
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
            engine.flushNamespace(this);
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
        return new BatchFailure(new FailedBatch(this, failed, indexFailed, false), cause);
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
        return new BatchFailure(new FailedBatch(this, failed, indexFailed, undone), cause);
    }

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
