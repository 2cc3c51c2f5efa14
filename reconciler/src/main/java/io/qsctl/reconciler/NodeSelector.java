package io.qsctl.reconciler;

import io.qsctl.provider.Node;
import io.qsctl.provider.NodeId;
import io.qsctl.reconciler.api.SpecHash;
import io.qsctl.spec.Spread;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Picks nodes for new backends from a catalogue of candidates (already filtered by the placement,
 * up, healthy and offering zdb), deterministically: the same candidates, spread, seed and request
 * give the same nodes.
 *
 * <p><b>Rank.</b> Candidates are ranked once, best first, by: more free HDD (in powers of two, so
 * that 3.1 and 3.2 TB count as equal and the later keys get a say), longer uptime (also in powers
 * of two, of days), lower price, then a hash of the node id and the seed. The seed comes from the
 * cluster name, so two clusters with the same placement do not pile onto the same "best" nodes,
 * while one cluster always gets the same answer.
 *
 * <p><b>Spread.</b> With {@code spread: farm} or {@code country}, each pick goes to the failure
 * domain that holds the fewest backends so far (the cluster's existing backends count), and within
 * it to its best-ranked node; domains with equal counts are ordered by their best node's rank.
 * With {@code spread: none} the best-ranked nodes are taken.
 *
 * <p><b>One backend per node.</b> Nodes in {@code taken} (every node the cluster uses) are never
 * picked. Nodes in {@code preferNot} are picked only when the others run out: the planner passes
 * the data backends' nodes there when placing metadata backends, so that losing one node costs a
 * data shard or a metadata copy, rarely both, yet a small placement still works.
 */
final class NodeSelector {

    private final List<Node> ranked;
    private final Spread spread;

    NodeSelector(List<Node> candidates, Spread spread, long seed) {
        this.spread = spread;
        this.ranked = candidates.stream().sorted(rankOrder(seed)).toList();
    }

    /**
     * What to pick: how many, how much free HDD each needs, which nodes not to use, which to use
     * only when the others run out, HDD already promised on some nodes by this plan (not yet
     * visible in the catalogue), and the existing backends per failure domain.
     */
    record Request(int count, long minFreeHru, Set<NodeId> taken, Set<NodeId> preferNot, Map<NodeId, Long> promised,
                   Map<String, Integer> domainCounts) {
    }

    /** How many candidates could hold a backend as {@code request} describes (its count aside). */
    int available(Request request) {
        int n = 0;
        for (Node node : ranked) {
            if (fits(node, request)) {
                n++;
            }
        }
        return n;
    }

    /** Up to {@code request.count()} nodes, in pick order; fewer when the candidates run out. */
    List<Node> pick(Request request) {
        List<Node> preferred = new ArrayList<>();
        List<Node> fallback = new ArrayList<>();
        for (Node node : ranked) {
            if (fits(node, request)) {
                (request.preferNot().contains(node.id()) ? fallback : preferred).add(node);
            }
        }
        Map<String, Integer> counts = new HashMap<>(request.domainCounts());
        List<Node> picks = spreadPick(preferred, request.count(), counts);
        if (picks.size() < request.count()) {
            picks.addAll(spreadPick(fallback, request.count() - picks.size(), counts));
        }
        return picks;
    }

    private static boolean fits(Node node, Request request) {
        return !request.taken().contains(node.id())
                && node.freeHru() - request.promised().getOrDefault(node.id(), 0L) >= request.minFreeHru();
    }

    /** The failure domain of a node under a spread: its farm, its country, or one domain for all. */
    static String domain(Spread spread, long farm, String country) {
        return switch (spread) {
            case FARM -> "farm " + farm;
            case COUNTRY -> country.toUpperCase(Locale.ROOT);
            case NONE -> "";
        };
    }

    String domainOf(Node node) {
        return domain(spread, node.farmId().value(), node.country());
    }

    /** The failure domain of an existing backend, from what the state recorded of its node. */
    String domainOf(io.qsctl.provider.FarmId farm, String country) {
        return domain(spread, farm.value(), country);
    }

    private List<Node> spreadPick(List<Node> inRankOrder, int count, Map<String, Integer> counts) {
        List<Node> picks = new ArrayList<>(Math.min(count, inRankOrder.size()));
        if (count <= 0) {
            return picks;
        }
        if (spread == Spread.NONE) {
            return new ArrayList<>(inRankOrder.subList(0, Math.min(count, inRankOrder.size())));
        }
        Map<String, Domain> byKey = new LinkedHashMap<>();
        for (int rank = 0; rank < inRankOrder.size(); rank++) {
            Node node = inRankOrder.get(rank);
            byKey.computeIfAbsent(domainOf(node), k -> new Domain(k, counts.getOrDefault(k, 0)))
                    .queue.add(new Ranked(node, rank));
        }
        PriorityQueue<Domain> domains = new PriorityQueue<>(
                Comparator.comparingInt((Domain d) -> d.count).thenComparingInt(d -> d.queue.peekFirst().rank));
        domains.addAll(byKey.values());
        while (picks.size() < count && !domains.isEmpty()) {
            Domain d = domains.poll();
            picks.add(d.queue.pollFirst().node);
            d.count++;
            counts.merge(d.key, 1, Integer::sum);
            if (!d.queue.isEmpty()) {
                domains.add(d);
            }
        }
        return picks;
    }

    private static Comparator<Node> rankOrder(long seed) {
        return Comparator.comparingInt((Node n) -> -log2(n.freeHru()))
                .thenComparingInt(n -> -log2(n.uptimeSeconds() / 86_400))
                .thenComparing(Node::priceUsd)
                .thenComparingLong(n -> mix(seed ^ n.id().value()))
                .thenComparingLong(n -> n.id().value());
    }

    private static int log2(long value) {
        return value <= 0 ? -1 : 63 - Long.numberOfLeadingZeros(value);
    }

    /** SplitMix64's finaliser: a well-spread, fixed hash of a long. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** The seed for a cluster: the first 8 bytes of SHA-256 of its name. */
    static long seedFor(String cluster) {
        String hex = SpecHash.sha256Hex(cluster.getBytes(StandardCharsets.UTF_8));
        return Long.parseUnsignedLong(hex.substring(0, 16), 16);
    }

    private record Ranked(Node node, int rank) {
    }

    private static final class Domain {
        final String key;
        final ArrayDeque<Ranked> queue = new ArrayDeque<>();
        int count;

        Domain(String key, int count) {
            this.key = key;
            this.count = count;
        }
    }
}
