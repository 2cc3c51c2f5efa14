package io.qsctl.zstor.meta;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.util.List;
import java.util.Optional;

/**
 * A record has two keys ("slots") on every backend, {@code m:<id>:0} and {@code m:<id>:1}. A new
 * version is written into the slot that does not hold the current winner, so the winner's shards
 * are never overwritten by a write that may fail: however many writes fail in a row, and on
 * whichever backends, the last committed version keeps all of its shards. 0-db overwrites a key
 * in place (the old value stays only in its append log), which is why one key per record would
 * not be enough.
 */
final class Slots {

    static final int COUNT = 2;
    static final String PREFIX = "m:";

    private Slots() {
    }

    static byte[] key(String id, int slot) {
        return (PREFIX + id + ":" + slot).getBytes(US_ASCII);
    }

    /** The record id and slot of a metadata key, or empty for any other key. */
    static Optional<SlotKey> parse(byte[] key) {
        String text = new String(key, US_ASCII);
        int colon = text.lastIndexOf(':');
        if (!text.startsWith(PREFIX) || colon != text.length() - 2) {
            return Optional.empty();
        }
        int slot = text.charAt(text.length() - 1) - '0';
        String id = text.substring(PREFIX.length(), colon);
        if (slot < 0 || slot >= COUNT || !MetaIds.isValid(id)) {
            return Optional.empty();
        }
        return Optional.of(new SlotKey(id, slot));
    }

    /**
     * The slot to write a shard into on backend {@code backendIndex}, never the one holding this
     * backend's shard of generation {@code keep} (the winner; 0 when there is none). Among the
     * others: a damaged slot first (it is cleaned that way), then an empty one, then the one with
     * the older generation.
     */
    static int choose(List<SlotContent> slots, long keep, int backendIndex) {
        int best = COUNT - 1;
        long bestRank = Long.MAX_VALUE;
        for (int s = 0; s < slots.size(); s++) {
            long rank = rank(slots.get(s), keep, backendIndex);
            if (rank < bestRank) {
                bestRank = rank;
                best = s;
            }
        }
        return best;
    }

    private static long rank(SlotContent slot, long keep, int backendIndex) {
        if (slot instanceof SlotContent.Invalid) {
            return 0;
        }
        if (slot instanceof SlotContent.Empty) {
            return 1;
        }
        MetaShard shard = ((SlotContent.Valid) slot).shard();
        if (keep > 0 && shard.generation() == keep) {
            // a shard of the winner under another index (backends were reordered) is still kept if possible
            return shard.index() == backendIndex ? Long.MAX_VALUE : Long.MAX_VALUE - 1;
        }
        return 2 + Math.min(shard.generation(), Long.MAX_VALUE - 4);
    }

    record SlotKey(String id, int slot) {
    }
}
