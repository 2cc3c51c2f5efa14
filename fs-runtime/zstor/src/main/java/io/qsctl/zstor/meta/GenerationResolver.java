package io.qsctl.zstor.meta;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decides which version of a record wins, from what each backend showed. Pure: no I/O, so every
 * rule is tested directly.
 *
 * <p>The rules, with D data shards and write quorum W:
 * <ol>
 *   <li>A backend that did not answer, or holds a slot that is not an authentic shard, is
 *       <em>unknown</em>: it may hold a shard of any generation.</li>
 *   <li>If W or more backends are unknown, nothing is decided: a committed version could live
 *       entirely on them.</li>
 *   <li>Generations are taken from the highest down. The first one with D or more distinct valid
 *       shards wins (a record or a tombstone).</li>
 *   <li>A higher generation with fewer than D shards is passed over only if it cannot have been
 *       committed: its shards in view plus the unknown backends are fewer than W. Otherwise the
 *       answer is undecided, because the older version below it may have been superseded or
 *       deleted.</li>
 * </ol>
 */
final class GenerationResolver {

    private GenerationResolver() {
    }

    static Resolution resolve(MetaQuorum quorum, List<BackendView> views) {
        if (views.size() != quorum.backends()) {
            throw new IllegalArgumentException(views.size() + " views for " + quorum.backends() + " backends");
        }
        int unknown = 0;
        int foreign = 0;
        TreeMap<Long, Map<Integer, MetaShard>> byGeneration = new TreeMap<>(Comparator.reverseOrder());
        for (BackendView view : views) {
            if (!view.fullyKnown()) {
                unknown++;
            }
            if (view instanceof BackendView.Answered answered) {
                boolean sawForeign = false;
                for (SlotContent slot : answered.slots()) {
                    if (slot instanceof SlotContent.Valid valid) {
                        add(byGeneration, valid.shard());
                    } else if (slot instanceof SlotContent.Invalid invalid && invalid.defect() == ShardDefect.FOREIGN_KEY) {
                        sawForeign = true;
                    }
                }
                foreign += sawForeign ? 1 : 0;
            }
        }
        if (byGeneration.isEmpty() && foreign >= quorum.readQuorum()) {
            return new Resolution.WrongKey(foreign);
        }
        long highest = byGeneration.isEmpty() ? 0 : byGeneration.firstKey();
        if (unknown >= quorum.writeQuorum()) {
            return new Resolution.Undecided(0, 0, highest);
        }
        for (Map.Entry<Long, Map<Integer, MetaShard>> entry : byGeneration.entrySet()) {
            long generation = entry.getKey();
            Map<Integer, MetaShard> shards = entry.getValue();
            if (shards.size() >= quorum.dataShards()) {
                MetaShard any = shards.values().iterator().next();
                return any.tombstone() ? new Resolution.Deleted(generation, highest)
                        : new Resolution.Live(generation, shards, highest);
            }
            if (shards.size() + unknown >= quorum.writeQuorum()) {
                return new Resolution.Undecided(generation, shards.size(), highest);
            }
        }
        return new Resolution.Absent(highest);
    }

    /**
     * Adds a shard to its generation. Shards are authenticated, so two of one generation always
     * agree on what the version is; one that does not (only a bug could write it) is left out
     * rather than mixed in.
     */
    private static void add(Map<Long, Map<Integer, MetaShard>> byGeneration, MetaShard shard) {
        Map<Integer, MetaShard> shards = byGeneration.computeIfAbsent(shard.generation(), g -> new HashMap<>());
        if (!shards.isEmpty()) {
            MetaShard first = shards.values().iterator().next();
            if (first.tombstone() != shard.tombstone() || first.payloadLength() != shard.payloadLength()) {
                return;
            }
        }
        shards.putIfAbsent(shard.index(), shard);
    }
}
