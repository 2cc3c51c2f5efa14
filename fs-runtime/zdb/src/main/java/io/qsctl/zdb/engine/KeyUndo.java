package io.qsctl.zdb.engine;

import java.util.Arrays;

/**
 * What the writes of the current batch changed in a user-mode namespace's {@link KeyIndex}, so a
 * batch that cannot be written (a full disk) is taken back in memory as exactly as it is cut off
 * the files, without replaying the index. One record per write, in primitive arrays: a few stores
 * on the write path, nothing allocated once the arrays have grown to a batch's size, and nothing
 * at all for a namespace never written to (a server may hold thousands).
 */
final class KeyUndo {

    private static final int INITIAL = 256;
    /** A batch this large is rare; the arrays are let go after it rather than kept for good. */
    private static final int RETAINED = 64 * 1024;
    private static final byte INSERTED = 0;
    private static final byte LIVE = 1;
    private static final byte DELETED = 2;

    private int[] entry = new int[0];
    private byte[] kind = new byte[0];
    private long[] dataLoc = new long[0];
    private long[] indexLoc = new long[0];
    private int[] length = new int[0];
    private int[] crc = new int[0];
    private int[] timestamp = new int[0];
    private int size;

    /** Before a write changes entry {@code e}: remembers it as it is. */
    void changing(KeyIndex keys, int e) {
        int i = next();
        entry[i] = e;
        kind[i] = keys.deleted(e) ? DELETED : LIVE;
        dataLoc[i] = keys.dataLocation(e);
        indexLoc[i] = keys.indexLocation(e);
        length[i] = keys.length(e);
        crc[i] = keys.crc(e);
        timestamp[i] = keys.timestamp(e);
    }

    /** After a write added entry {@code e}. */
    void inserted(int e) {
        int i = next();
        entry[i] = e;
        kind[i] = INSERTED;
    }

    /** Puts every remembered entry back as it was before the batch, newest change first; then forgets. */
    void undo(KeyIndex keys) {
        for (int i = size - 1; i >= 0; i--) {
            if (kind[i] == INSERTED) {
                keys.removeNewest(entry[i]);
            } else {
                keys.update(entry[i], dataLoc[i], indexLoc[i], length[i], crc[i], timestamp[i], kind[i] == DELETED);
            }
        }
        clear();
    }

    /** The batch reached the files: nothing to take back. */
    void clear() {
        size = 0;
        if (entry.length > RETAINED) {
            resize(INITIAL);
        }
    }

    private int next() {
        if (size == entry.length) {
            resize(Math.max(INITIAL, size * 2));
        }
        return size++;
    }

    private void resize(int capacity) {
        entry = Arrays.copyOf(entry, capacity);
        kind = Arrays.copyOf(kind, capacity);
        dataLoc = Arrays.copyOf(dataLoc, capacity);
        indexLoc = Arrays.copyOf(indexLoc, capacity);
        length = Arrays.copyOf(length, capacity);
        crc = Arrays.copyOf(crc, capacity);
        timestamp = Arrays.copyOf(timestamp, capacity);
    }
}
