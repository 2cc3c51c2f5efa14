package io.qsctl.zdb.engine;

import java.util.Arrays;

/**
 * What the writes of the current batch changed in a user-mode namespace's {@link KeyIndex}, so a
 * batch that cannot be written (a full disk) is taken back in memory as exactly as it is cut off
 * the files, without replaying the index. One record per write, in primitive arrays: a few stores
 * on the write path, nothing allocated once the arrays have grown to a batch's size.
 */
final class KeyUndo {

    private static final int INITIAL = 256;
    /** A batch this large is rare; the arrays are let go after it rather than kept for good. */
    private static final int RETAINED = 64 * 1024;
    private static final byte INSERTED = 0;
    private static final byte LIVE = 1;
    private static final byte DELETED = 2;

    private int[] entry = new int[INITIAL];
    private byte[] kind = new byte[INITIAL];
    private long[] dataLoc = new long[INITIAL];
    private long[] indexLoc = new long[INITIAL];
    private int[] length = new int[INITIAL];
    private int[] crc = new int[INITIAL];
    private int[] timestamp = new int[INITIAL];
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
            entry = new int[INITIAL];
            kind = new byte[INITIAL];
            dataLoc = new long[INITIAL];
            indexLoc = new long[INITIAL];
            length = new int[INITIAL];
            crc = new int[INITIAL];
            timestamp = new int[INITIAL];
        }
    }

    int size() {
        return size;
    }

    private int next() {
        if (size == entry.length) {
            int grown = size * 2;
            entry = Arrays.copyOf(entry, grown);
            kind = Arrays.copyOf(kind, grown);
            dataLoc = Arrays.copyOf(dataLoc, grown);
            indexLoc = Arrays.copyOf(indexLoc, grown);
            length = Arrays.copyOf(length, grown);
            crc = Arrays.copyOf(crc, grown);
            timestamp = Arrays.copyOf(timestamp, grown);
        }
        return size++;
    }
}
