package io.qsctl.zdb.engine;

import java.util.Arrays;

/**
 * The in-memory index of a user-mode namespace: key to the latest version's location. Built for
 * millions of keys in little memory: no object per key, only primitive arrays in pages (about 50
 * bytes per key plus the key itself, where a HashMap of records would take well over 150), and an
 * open-addressing table of entry numbers.
 *
 * <p>The table holds each slot's full hash next to its entry number, so a probe that passes
 * other keys' slots stays inside one array instead of loading their entries.
 *
 * <p>Entries are never removed one by one: a deleted key stays, flagged, as 0-db keeps it (its
 * history and scan position remain reachable), so the table needs no tombstones. {@link #clear()}
 * empties everything at once (FLUSH). The one exception is the newest entry, taken back with
 * {@link #removeNewest} when the write that added it never reached the disk.
 *
 * <p>Not thread-safe; the namespace that owns it serialises access.
 */
final class KeyIndex {

    private static final int PAGE_BITS = 14;
    private static final int PAGE_SIZE = 1 << PAGE_BITS;
    private static final int PAGE_MASK = PAGE_SIZE - 1;
    private static final int ARENA_PAGE = 1 << 20;
    private static final int FLAG_DELETED = 1 << 8;

    /** Key bytes, packed in 1 MiB pages; an entry's keyRef is page << 20 | offset. */
    private byte[][] arena = new byte[0][];
    private int arenaPage = -1;
    private int arenaUsed = ARENA_PAGE;

    // entry columns, in pages of PAGE_SIZE entries
    private int[][] keyRef = new int[0][];
    private int[][] meta = new int[0][]; // key length (8 bits) | flags
    private long[][] dataLoc = new long[0][];
    private long[][] indexLoc = new long[0][];
    private int[][] length = new int[0][];
    private int[][] crc = new int[0][];
    private int[][] timestamp = new int[0][];
    private int entries;
    private int live;

    /** Slots hold hash << 32 | (entry number + 1); 0 is empty. Capacity is a power of two. */
    private long[] table = new long[1024];

    int entries() {
        return entries;
    }

    /** Keys whose latest version is not a deletion. */
    int live() {
        return live;
    }

    static int hashOf(byte[] key, int offset, int length) {
        int h = 0x9E3779B9 ^ length;
        int i = 0;
        for (; i + 4 <= length; i += 4) {
            int word = (key[offset + i] & 0xFF) | (key[offset + i + 1] & 0xFF) << 8
                    | (key[offset + i + 2] & 0xFF) << 16 | (key[offset + i + 3] & 0xFF) << 24;
            h = Integer.rotateLeft(h ^ word * 0xCC9E2D51, 15) * 0x1B873593;
        }
        for (; i < length; i++) {
            h = (h ^ key[offset + i]) * 0x01000193;
        }
        // murmur3's finaliser: every input bit reaches the low bits the table is indexed by
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        return h ^ (h >>> 16);
    }

    /** The entry number for the key, or -1. */
    int find(byte[] key, int offset, int keyLength) {
        int h = hashOf(key, offset, keyLength);
        int mask = table.length - 1;
        for (int slot = h & mask; ; slot = (slot + 1) & mask) {
            long s = table[slot];
            if (s == 0) {
                return -1;
            }
            if ((int) (s >>> 32) == h) {
                int e = (int) s - 1;
                if (keyEquals(e, key, offset, keyLength)) {
                    return e;
                }
            }
        }
    }

    /** Adds a key that {@link #find} did not find; returns its entry number. */
    int insert(byte[] key, int offset, int keyLength) {
        if (keyLength > 255) {
            throw new IllegalArgumentException("keys are at most 255 bytes");
        }
        if ((entries + 1) * 4L > table.length * 3L) {
            grow();
        }
        int e = entries++;
        ensureEntryPage(e);
        int page = e >>> PAGE_BITS;
        int at = e & PAGE_MASK;
        int h = hashOf(key, offset, keyLength);
        keyRef[page][at] = storeKey(key, offset, keyLength);
        meta[page][at] = keyLength;
        int mask = table.length - 1;
        int slot = h & mask;
        while (table[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        table[slot] = ((long) h << 32) | (e + 1L);
        live++;
        return e;
    }

    /**
     * Removes entry {@code e}, which must be the newest: a write that added a key was rolled back.
     * Its slot is emptied by shifting the slots probed after it back (no tombstone), and its key
     * bytes, the last stored, are given back to the arena.
     */
    void removeNewest(int e) {
        if (e != entries - 1) {
            throw new IllegalStateException("entry " + e + " is not the newest of " + entries);
        }
        int page = e >>> PAGE_BITS;
        int at = e & PAGE_MASK;
        int ref = keyRef[page][at];
        int h = hashOf(arena[ref >>> 20], ref & (ARENA_PAGE - 1), keyLength(e));
        int mask = table.length - 1;
        int hole = h & mask;
        while ((int) table[hole] != e + 1) {
            hole = (hole + 1) & mask;
        }
        for (int next = (hole + 1) & mask; table[next] != 0; next = (next + 1) & mask) {
            int home = (int) (table[next] >>> 32) & mask;
            // the slot at next may fill the hole when its probe started at or before the hole
            if (((next - home) & mask) >= ((next - hole) & mask)) {
                table[hole] = table[next];
                hole = next;
            }
        }
        table[hole] = 0;
        if (!deleted(e)) {
            live--;
        }
        if (ref >>> 20 == arenaPage) {
            arenaUsed = ref & (ARENA_PAGE - 1);
        }
        entries--;
    }

    void update(int e, long dataLocation, long indexLocation, int payloadLength, int payloadCrc, int time,
                boolean deleted) {
        int page = e >>> PAGE_BITS;
        int at = e & PAGE_MASK;
        boolean wasDeleted = (meta[page][at] & FLAG_DELETED) != 0;
        dataLoc[page][at] = dataLocation;
        indexLoc[page][at] = indexLocation;
        length[page][at] = payloadLength;
        crc[page][at] = payloadCrc;
        timestamp[page][at] = time;
        meta[page][at] = deleted ? meta[page][at] | FLAG_DELETED : meta[page][at] & ~FLAG_DELETED;
        if (deleted != wasDeleted) {
            live += deleted ? -1 : 1;
        }
    }

    boolean deleted(int e) {
        return (meta[e >>> PAGE_BITS][e & PAGE_MASK] & FLAG_DELETED) != 0;
    }

    long dataLocation(int e) {
        return dataLoc[e >>> PAGE_BITS][e & PAGE_MASK];
    }

    long indexLocation(int e) {
        return indexLoc[e >>> PAGE_BITS][e & PAGE_MASK];
    }

    int length(int e) {
        return length[e >>> PAGE_BITS][e & PAGE_MASK];
    }

    int crc(int e) {
        return crc[e >>> PAGE_BITS][e & PAGE_MASK];
    }

    int timestamp(int e) {
        return timestamp[e >>> PAGE_BITS][e & PAGE_MASK];
    }

    int keyLength(int e) {
        return meta[e >>> PAGE_BITS][e & PAGE_MASK] & 0xFF;
    }

    byte[] key(int e) {
        int ref = keyRef[e >>> PAGE_BITS][e & PAGE_MASK];
        int from = ref & (ARENA_PAGE - 1);
        return Arrays.copyOfRange(arena[ref >>> 20], from, from + keyLength(e));
    }

    interface LiveVisitor {
        void visit(int entry, long length);
    }

    /** Calls the visitor for every key whose latest version is not a deletion. */
    void forEachLive(LiveVisitor visitor) {
        for (int e = 0; e < entries; e++) {
            if (!deleted(e)) {
                visitor.visit(e, length(e) & 0xFFFF_FFFFL);
            }
        }
    }

    void clear() {
        arena = new byte[0][];
        arenaPage = -1;
        arenaUsed = ARENA_PAGE;
        keyRef = new int[0][];
        meta = new int[0][];
        dataLoc = new long[0][];
        indexLoc = new long[0][];
        length = new int[0][];
        crc = new int[0][];
        timestamp = new int[0][];
        entries = 0;
        live = 0;
        table = new long[1024];
    }

    /** Bytes held by this index's arrays (what the memory budget counts). */
    long memoryBytes() {
        long perEntry = 4L * 5 + 8L * 2;
        long pages = keyRef.length;
        return pages * PAGE_SIZE * perEntry + 8L * table.length + (long) arena.length * ARENA_PAGE;
    }

    private boolean keyEquals(int e, byte[] key, int offset, int keyLength) {
        if (keyLength(e) != keyLength) {
            return false;
        }
        int ref = keyRef[e >>> PAGE_BITS][e & PAGE_MASK];
        int from = ref & (ARENA_PAGE - 1);
        return Arrays.equals(arena[ref >>> 20], from, from + keyLength, key, offset, offset + keyLength);
    }

    private int storeKey(byte[] key, int offset, int keyLength) {
        if (arenaUsed + keyLength > ARENA_PAGE) {
            arenaPage++;
            if (arenaPage >= 4096) {
                throw new IllegalStateException("key arena full (4 GiB of keys)");
            }
            arena = Arrays.copyOf(arena, arenaPage + 1);
            arena[arenaPage] = new byte[ARENA_PAGE];
            arenaUsed = 0;
        }
        System.arraycopy(key, offset, arena[arenaPage], arenaUsed, keyLength);
        int ref = (arenaPage << 20) | arenaUsed;
        arenaUsed += keyLength;
        return ref;
    }

    private void ensureEntryPage(int e) {
        int page = e >>> PAGE_BITS;
        if (page < keyRef.length) {
            return;
        }
        keyRef = Arrays.copyOf(keyRef, page + 1);
        keyRef[page] = new int[PAGE_SIZE];
        meta = Arrays.copyOf(meta, page + 1);
        meta[page] = new int[PAGE_SIZE];
        dataLoc = Arrays.copyOf(dataLoc, page + 1);
        dataLoc[page] = new long[PAGE_SIZE];
        indexLoc = Arrays.copyOf(indexLoc, page + 1);
        indexLoc[page] = new long[PAGE_SIZE];
        length = Arrays.copyOf(length, page + 1);
        length[page] = new int[PAGE_SIZE];
        crc = Arrays.copyOf(crc, page + 1);
        crc[page] = new int[PAGE_SIZE];
        timestamp = Arrays.copyOf(timestamp, page + 1);
        timestamp[page] = new int[PAGE_SIZE];
    }

    private void grow() {
        long[] bigger = new long[table.length * 2];
        int mask = bigger.length - 1;
        for (long s : table) {
            if (s == 0) {
                continue;
            }
            int slot = (int) (s >>> 32) & mask;
            while (bigger[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            bigger[slot] = s;
        }
        table = bigger;
    }
}
