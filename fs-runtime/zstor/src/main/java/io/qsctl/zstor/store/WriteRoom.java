package io.qsctl.zstor.store;

import io.qsctl.zstor.segment.SegmentLayout;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * How much more the data backends can take, from what each writable one has free under its size
 * limit. Pure arithmetic over {@link SegmentLayout#storedShardBytes}: sizes assume nothing
 * compresses, so "fits" is certain and compression can only leave more room.
 *
 * <p>One object puts one shard per stripe on each backend it writes to, the same backends for
 * the whole object, and needs at least {@code minShardsPerWrite} of them to the end. So one object
 * of S bytes fits only if that many backends each have {@code storedShardBytes(S)} free: the
 * {@code minShardsPerWrite}-th emptiest backend decides ({@link #perBackendForOneObject}).
 *
 * <p>Many objects together can use more when there are more backends than shards: they spread
 * their n = M+K shards over all backends. Objects whose shard sizes add up to {@code t} fit when
 * {@code Σ min(free_i, t) ≥ n·t} (each object uses a backend at most once, so no backend holds more
 * than {@code t}); the largest such {@code t} carries as much data as one object with shards of
 * {@code t} bytes: {@link #usableBytes}.
 *
 * @param freeBytes what each writable data backend has free (backends that cannot take writes are left out)
 */
public record WriteRoom(SegmentLayout layout, int minShardsPerWrite, List<Long> freeBytes) {

    public WriteRoom {
        Objects.requireNonNull(layout, "layout");
        List<Long> sorted = new ArrayList<>(freeBytes);
        sorted.sort(Comparator.reverseOrder());
        freeBytes = List.copyOf(sorted);
        if (minShardsPerWrite < 1) {
            throw new IllegalArgumentException("minShardsPerWrite is at least 1");
        }
        if (freeBytes.stream().anyMatch(f -> f < 0)) {
            throw new IllegalArgumentException("free space is not negative");
        }
    }

    /** Writable backends. */
    public int writableBackends() {
        return freeBytes.size();
    }

    /**
     * The room each of the backends one object needs has, at least: the free space of the
     * {@code minShardsPerWrite}-th emptiest writable backend, 0 when there are fewer.
     */
    public long perBackendForOneObject() {
        return freeBytes.size() < minShardsPerWrite ? 0 : freeBytes.get(minShardsPerWrite - 1);
    }

    /** Bytes each backend an object writes to must have for an object of {@code size} bytes. */
    public long neededPerBackend(long size) {
        return layout.storedShardBytes(size);
    }

    /** Whether an object of {@code size} bytes fits even if nothing of it compresses. */
    public boolean fitsUncompressed(long size) {
        return neededPerBackend(size) <= perBackendForOneObject();
    }

    /** The largest object one put can store now, if nothing of it compresses; 0 when none fits. */
    public long largestObject() {
        return Math.max(0, layout.largestWithin(perBackendForOneObject()));
    }

    /**
     * About how many bytes of objects still fit, all objects together, if nothing compresses and
     * the shards spread evenly (what placement aims at); 0 when writes cannot succeed at all.
     */
    public long usableBytes() {
        if (freeBytes.size() < minShardsPerWrite) {
            return 0;
        }
        int shards = Math.min(layout.totalShards(), freeBytes.size());
        long total = 0;
        for (long free : freeBytes) {
            total = total > Long.MAX_VALUE - free ? Long.MAX_VALUE : total + free;
        }
        long low = 0;
        long high = total / shards;
        while (low < high) {
            long mid = low + (high - low + 1) / 2;
            if (fillable(mid, shards)) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        // n·t shard bytes in all: as many objects' worth as M shards of t bytes carry; and never
        // less than one object can take by itself (written degraded on the emptiest backends)
        return Math.max(largestObject(), layout.largestWithin(low));
    }

    /**
     * Whether objects whose shards add up to {@code t} bytes (one shard of each object per backend
     * it uses) fit: no backend can take more than {@code t} of them, so Σ min(free, t) ≥ n·t.
     */
    private boolean fillable(long t, int shards) {
        long total = 0;
        for (long free : freeBytes) {
            long share = Math.min(free, t);
            total = total > Long.MAX_VALUE - share ? Long.MAX_VALUE : total + share;
        }
        return total / shards >= t;
    }
}
