package io.qsctl.zdb.engine;

import java.util.Arrays;

/**
 * Sequential mode's map from an id to the index file holding it: one (first id, file id) pair per
 * index file, in order. The id's entry is then found at a computed offset, so nothing is kept in
 * memory per key.
 */
final class SeqMap {

    private long[] firstIds = new long[8];
    private int[] fileIds = new int[8];
    private int size;

    void push(long firstId, int fileId) {
        if (size > 0 && fileIds[size - 1] == fileId) {
            firstIds[size - 1] = firstId;
            return;
        }
        if (size == firstIds.length) {
            firstIds = Arrays.copyOf(firstIds, size * 2);
            fileIds = Arrays.copyOf(fileIds, size * 2);
        }
        firstIds[size] = firstId;
        fileIds[size] = fileId;
        size++;
    }

    /** The position in {@link #firstId}/{@link #fileId} of the file holding {@code id}, or -1. */
    int slotOf(long id) {
        int low = 0;
        int high = size - 1;
        int found = -1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (Long.compareUnsigned(firstIds[mid], id) <= 0) {
                found = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        // several empty files may share a first id; the last of them holds it
        return found;
    }

    long firstId(int slot) {
        return firstIds[slot];
    }

    int fileId(int slot) {
        return fileIds[slot];
    }

    int size() {
        return size;
    }

    void clear() {
        size = 0;
    }

    long memoryBytes() {
        return firstIds.length * 12L;
    }
}
