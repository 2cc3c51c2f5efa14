package io.qsctl.zdb.engine;

import io.qsctl.zdb.format.DataEntryHeader;
import io.qsctl.zdb.format.DataHeader;
import io.qsctl.zdb.format.IndexEntry;
import io.qsctl.zdb.format.IndexHeader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A namespace read as the log its files are, for SCAN and RSCAN (live entries in write order or
 * newest first, a page at a time), HISTORY (a key's versions, along the parent links of its index
 * entries) and DATA RAW (one data entry as written). It reads only the files, which {@link Namespace}
 * flushes first where a scan must see the current batch; one is made per command.
 */
final class NamespaceScans {

    private static final long SCAN_BUDGET_NANOS = 2_000_000;
    private static final int SCAN_MAX_ITEMS = 10_000;

    private final IndexStore index;
    private final DataStore data;

    NamespaceScans(IndexStore index, DataStore data) {
        this.index = index;
        this.data = data;
    }

    /** SCAN: live entries in write order, after the cursor (from the start when null). */
    ScanPage scan(byte[] cursor) {
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

    /** RSCAN: live entries newest first, before the cursor (from the end when null). */
    ScanPage reverseScan(byte[] cursor) {
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

    /** HISTORY without a cursor: the version whose index entry is at {@code location} (the key's current one). */
    HistoryStep version(long location) {
        IndexEntry entry = index.readEntry(Location.fileId(location), Location.offset(location) & 0xFFFF_FFFFL);
        if (entry == null) {
            throw ZdbError.internal();
        }
        return step(entry);
    }

    /** HISTORY with a cursor: the version the cursor points to, which must be one of the key's. */
    HistoryStep olderVersion(byte[] key, int keyOffset, int keyLength, byte[] cursor) {
        if (cursor.length != Cursors.HISTORY_SIZE) {
            throw new ZdbError("Invalid arguments");
        }
        long location = Cursors.parseHistory(cursor);
        if (location == Location.NONE) {
            throw new ZdbError("No more history");
        }
        IndexEntry entry = index.readEntry(Location.fileId(location), Location.offset(location) & 0xFFFF_FFFFL);
        if (entry == null) {
            throw new ZdbError("Invalid arguments (index query)");
        }
        if (!Arrays.equals(entry.key(), 0, entry.key().length, key, keyOffset, keyOffset + keyLength)) {
            throw new ZdbError("Invalid arguments (invalid key)");
        }
        return step(entry);
    }

    /** A version's value and the cursor to the version before it. */
    private HistoryStep step(IndexEntry entry) {
        byte[] payload = new byte[entry.length()];
        data.readPayload(entry.dataId(), entry.dataOffset(), entry.key().length, entry.length(), ByteBuffer.wrap(payload));
        byte[] parent = entry.parentId() == 0 && entry.parentOffset() == 0 ? null
                : Cursors.history(entry.parentId(), entry.parentOffset());
        return new HistoryStep(parent, entry.timestamp(), payload);
    }

    /** DATA RAW: the data entry whose header starts at {@code offset} of {@code d<fileId>}. */
    RawEntry rawData(int fileId, long offset) {
        long size = data.size(fileId);
        if (size < 0) {
            throw ZdbError.internal();
        }
        if (offset < DataHeader.SIZE || offset + DataEntryHeader.SIZE > size) {
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
