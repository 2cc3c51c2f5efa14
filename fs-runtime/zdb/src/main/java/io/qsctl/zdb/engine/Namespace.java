package io.qsctl.zdb.engine;

import io.qsctl.zdb.format.DataEntryHeader;
import io.qsctl.zdb.format.IndexEntry;
import io.qsctl.zdb.format.IndexHeader;
import io.qsctl.zdb.format.Mode;
import io.qsctl.zdb.format.ZdbCrc32c;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
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
 * <p>This class holds 0-db's commands on keys: SET, GET, DEL and the other key lookups, and the
 * settings NSSET changes. What it keeps and how (the files, the memory index, batches, their
 * roll-back and rotation) is in {@link NamespaceStorage}; opening the files in
 * {@link NamespaceRecovery}; SCAN, RSCAN, HISTORY and DATA RAW in {@link NamespaceScans}.
 */
public final class Namespace extends NamespaceStorage {

    public static final int MAX_KEY = 255;
    public static final int MAX_NAME = 128;
    static final int SEQ_KEY = 8;
    static final int SEQ_ENTRY = IndexEntry.FIXED_SIZE + SEQ_KEY;

    private Namespace(ZdbEngine engine, String name) {
        super(engine, name);
    }

    /** Opens a namespace from disk, creating its directories and files when new. */
    static Namespace load(ZdbEngine engine, String name) {
        Namespace ns = new Namespace(engine, name);
        ns.open();
        return ns;
    }

    // ------------------------------------------------------------------ settings

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
            return new NamespaceScans(index, data).scan(cursor);
        }
    }

    /** RSCAN: live entries newest first, before the cursor (from the end when null). */
    public ScanPage reverseScan(byte[] cursor) {
        synchronized (engine) {
            checkReadable();
            engine.flushNamespace(this);
            return new NamespaceScans(index, data).reverseScan(cursor);
        }
    }

    /** HISTORY: a version of the key (the current one without a cursor) and the cursor to the one before. */
    public HistoryStep history(byte[] key, int keyOffset, int keyLength, byte[] cursor) {
        synchronized (engine) {
            checkReadable();
            NamespaceScans scans = new NamespaceScans(index, data);
            if (cursor != null) {
                return scans.olderVersion(key, keyOffset, keyLength, cursor);
            }
            Found found = find(key, keyOffset, Math.min(keyLength, MAX_KEY));
            if (found == null) {
                throw new ZdbError("Key not found");
            }
            return scans.version(found.indexLocation());
        }
    }

    /** DATA RAW: the data entry whose header starts at {@code offset} of {@code d<fileId>}. */
    public RawEntry rawData(int fileId, long offset) {
        synchronized (engine) {
            engine.flushNamespace(this);
            return new NamespaceScans(index, data).rawData(fileId, offset);
        }
    }
}
