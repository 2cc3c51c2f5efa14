package io.qsctl.zstor.placement;

import io.qsctl.zstor.backend.Backend;
import io.qsctl.zstor.crypto.Checksums;
import io.qsctl.zstor.health.HealthState;
import io.qsctl.zstor.segment.SegmentId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Where the shards of a segment go. Pure functions of the backend list, their health and the
 * segment id, so the same inputs always give the same answer.
 *
 * <ol>
 *   <li>Writable backends (healthy or unknown) come before the others; an unwritable one is only
 *       chosen when there are not enough writable ones (its shards then start missing, and the
 *       write is degraded).</li>
 *   <li>Among those, each next shard goes to the farm that holds the fewest shards of the segment
 *       so far, then to the least used country, then to the least used node. Filling the emptiest
 *       domain first never puts more shards in one farm than the farms available force it to.</li>
 *   <li>Ties break by rendezvous hashing of the segment id with the backend name, so segments
 *       spread over all backends instead of always filling the first ones listed.</li>
 * </ol>
 *
 * A backend without a {@code farm} (or {@code country}, {@code node}) label is a domain of its own.
 */
public final class Placement {

    private Placement() {
    }

    /** {@code count} distinct backends for a new segment: shard {@code i} goes to element {@code i}. */
    public static List<Backend> choose(SegmentId id, List<Backend> backends, Function<String, HealthState> health,
            int count) {
        if (backends.size() < count) {
            throw new IllegalArgumentException(count + " shards need " + count + " backends, there are "
                    + backends.size());
        }
        Counts counts = new Counts();
        List<Backend> remaining = new ArrayList<>(backends);
        List<Backend> chosen = new ArrayList<>(count);
        Comparator<Backend> order = order(id, backends, health, counts);
        for (int i = 0; i < count; i++) {
            Backend best = remaining.stream().min(order).orElseThrow();
            remaining.remove(best);
            chosen.add(best);
            counts.add(best);
        }
        return chosen;
    }

    /**
     * A writable backend for a shard being rebuilt elsewhere, not one of {@code holders} (the
     * backends holding the segment's other shards), in the least used domains among them.
     */
    public static Optional<Backend> replacement(SegmentId id, List<Backend> backends,
            Function<String, HealthState> health, Collection<Backend> holders) {
        Counts counts = new Counts();
        holders.forEach(counts::add);
        Set<String> taken = names(holders);
        return backends.stream()
                .filter(b -> !taken.contains(b.name()) && health.apply(b.name()).writable())
                .min(order(id, backends, health, counts));
    }

    /**
     * One move that spreads the segment better over failure domains, if there is one: a shard
     * leaves the most crowded farm (or, farms being even, country) for a writable backend not
     * holding any of its shards, in a domain that then holds fewer than the one it left.
     *
     * @param holders the backend of each shard, in shard order
     */
    public static Optional<Move> improvement(SegmentId id, List<Backend> backends, Function<String, HealthState> health,
            List<Backend> holders) {
        Set<String> taken = names(holders);
        List<Backend> free = backends.stream()
                .filter(b -> !taken.contains(b.name()) && health.apply(b.name()).writable())
                .sorted(Comparator.comparing((Backend b) -> rendezvous(id, b)))
                .toList();
        if (free.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Integer> farms = load(holders, Placement::farm);
        Map<String, Integer> countries = load(holders, Placement::country);
        Move best = null;
        int bestFarmGain = 0;
        int bestCountryGain = 0;
        for (int shard = 0; shard < holders.size(); shard++) {
            Backend source = holders.get(shard);
            for (Backend target : free) {
                // moving one shard from a domain holding `from` to one holding `to` evens them out when to + 1 < from
                int farmGain = gain(farms, farm(source), farm(target));
                int countryGain = gain(countries, country(source), country(target));
                if (farmGain < 0 || farmGain == 0 && countryGain <= 0) {
                    continue;
                }
                if (farmGain > bestFarmGain || farmGain == bestFarmGain && countryGain > bestCountryGain) {
                    bestFarmGain = farmGain;
                    bestCountryGain = countryGain;
                    best = new Move(shard, source, target);
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** How much more even two domains get by moving one shard (0 when it changes nothing, negative when worse). */
    private static int gain(Map<String, Integer> load, String from, String to) {
        if (from.equals(to)) {
            return 0;
        }
        int source = load.getOrDefault(from, 0);
        int target = load.getOrDefault(to, 0);
        // the sum of squares drops by 2 * (source - target - 1)
        return source - target - 1;
    }

    private static Map<String, Integer> load(List<Backend> holders, Function<Backend, String> domain) {
        Map<String, Integer> load = new HashMap<>();
        holders.forEach(b -> load.merge(domain.apply(b), 1, Integer::sum));
        return load;
    }

    /** Move shard {@code shard} from one backend to another. */
    public record Move(int shard, Backend from, Backend to) {
    }

    public static String farm(Backend backend) {
        return backend.label(Backend.FARM).map(f -> "farm:" + f).orElse("backend:" + backend.name());
    }

    public static String country(Backend backend) {
        return backend.label(Backend.COUNTRY).map(c -> "country:" + c).orElse("backend:" + backend.name());
    }

    public static String node(Backend backend) {
        return backend.label(Backend.NODE).map(n -> "node:" + n).orElse("backend:" + backend.name());
    }

    private static Comparator<Backend> order(SegmentId id, List<Backend> backends, Function<String, HealthState> health,
            Counts counts) {
        Map<String, String> hashes = new HashMap<>();
        backends.forEach(b -> hashes.put(b.name(), rendezvous(id, b)));
        return Comparator.comparingInt((Backend b) -> health.apply(b.name()).writable() ? 0 : 1)
                .thenComparingInt(b -> counts.farms.getOrDefault(farm(b), 0))
                .thenComparingInt(b -> counts.countries.getOrDefault(country(b), 0))
                .thenComparingInt(b -> counts.nodes.getOrDefault(node(b), 0))
                .thenComparingInt(b -> health.apply(b.name()).rank())
                .thenComparing(b -> hashes.get(b.name()));
    }

    /** Highest-random-weight hashing: a stable, per-segment order of backends. */
    static String rendezvous(SegmentId id, Backend backend) {
        MessageDigest digest = Checksums.sha256();
        digest.update(id.bytes());
        digest.update(backend.name().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest.digest(), 0, 8);
    }

    private static Set<String> names(Collection<Backend> backends) {
        Set<String> names = new HashSet<>();
        backends.forEach(b -> names.add(b.name()));
        return names;
    }

    /** Shards per domain so far. */
    private static final class Counts {
        final Map<String, Integer> farms = new HashMap<>();
        final Map<String, Integer> countries = new HashMap<>();
        final Map<String, Integer> nodes = new HashMap<>();

        void add(Backend backend) {
            farms.merge(farm(backend), 1, Integer::sum);
            countries.merge(country(backend), 1, Integer::sum);
            nodes.merge(node(backend), 1, Integer::sum);
        }
    }
}
