package io.qsctl.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.qsctl.provider.Node;
import io.qsctl.provider.NodeId;
import io.qsctl.spec.ByteSize;
import io.qsctl.spec.Spread;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class NodeSelectorTest {

    /** 4 farms: farm 1 has 10 nodes in BE, farms 2–4 have 3 nodes each, in NL, DE, NL. */
    private static List<Node> catalogue() {
        FakeGrid grid = new FakeGrid("local");
        List<Node> nodes = new ArrayList<>();
        long id = 1;
        for (int n = 0; n < 10; n++) {
            nodes.add(grid.node(id++, 1, "BE", 1000));
        }
        String[] countries = {"NL", "DE", "NL"};
        for (int f = 2; f <= 4; f++) {
            for (int n = 0; n < 3; n++) {
                nodes.add(grid.node(id++, f, countries[f - 2], 1000));
            }
        }
        return nodes;
    }

    private static NodeSelector.Request request(int count) {
        return new NodeSelector.Request(count, ByteSize.GIB, Set.of(), Set.of(), Map.of(), Map.of());
    }

    private static Map<Long, Long> perFarm(List<Node> picks) {
        return picks.stream().collect(Collectors.groupingBy(n -> n.farmId().value(), Collectors.counting()));
    }

    @Test
    void spreadByFarmPutsEqualNumbersOnEachFarm() {
        List<Node> picks = new NodeSelector(catalogue(), Spread.FARM, 1).pick(request(8));
        assertThat(perFarm(picks)).containsOnly(Map.entry(1L, 2L), Map.entry(2L, 2L), Map.entry(3L, 2L),
                Map.entry(4L, 2L));
    }

    @Test
    void spreadByFarmFillsTheBigFarmOnceTheSmallOnesAreFull() {
        List<Node> picks = new NodeSelector(catalogue(), Spread.FARM, 1).pick(request(15));
        assertThat(perFarm(picks)).containsOnly(Map.entry(1L, 6L), Map.entry(2L, 3L), Map.entry(3L, 3L),
                Map.entry(4L, 3L));
    }

    @Test
    void spreadByCountryBalancesCountriesNotFarms() {
        List<Node> picks = new NodeSelector(catalogue(), Spread.COUNTRY, 1).pick(request(6));
        Map<String, Long> perCountry = picks.stream().collect(Collectors.groupingBy(Node::country, Collectors.counting()));
        assertThat(perCountry).containsOnly(Map.entry("BE", 2L), Map.entry("NL", 2L), Map.entry("DE", 2L));
    }

    @Test
    void existingBackendsCountTowardsTheSpread() {
        Map<String, Integer> existing = Map.of("farm 1", 3, "farm 2", 3, "farm 3", 3);
        List<Node> picks = new NodeSelector(catalogue(), Spread.FARM, 1)
                .pick(new NodeSelector.Request(3, ByteSize.GIB, Set.of(), Set.of(), Map.of(), existing));
        assertThat(perFarm(picks)).containsOnly(Map.entry(4L, 3L));
    }

    @Test
    void spreadNoneTakesTheBestRankedNodes() {
        List<Node> nodes = new ArrayList<>(catalogue());
        FakeGrid grid = new FakeGrid("local");
        Node roomy = grid.node(99, 4, "NL", 64_000);
        nodes.add(roomy);
        List<Node> picks = new NodeSelector(nodes, Spread.NONE, 1).pick(request(1));
        assertThat(picks).extracting(Node::id).containsExactly(roomy.id());
    }

    @Test
    void theSameSeedGivesTheSamePicksAndAnotherSeedOtherOnes() {
        List<Node> a = new NodeSelector(catalogue(), Spread.NONE, 42).pick(request(5));
        List<Node> b = new NodeSelector(catalogue(), Spread.NONE, 42).pick(request(5));
        assertThat(a).isEqualTo(b);
        Set<List<NodeId>> different = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            different.add(new NodeSelector(catalogue(), Spread.NONE, seed).pick(request(5)).stream().map(Node::id).toList());
        }
        assertThat(different).hasSizeGreaterThan(1);
    }

    @Test
    void neverPicksATakenNodeOrANodeWithoutRoom() {
        List<Node> nodes = catalogue();
        Set<NodeId> taken = nodes.stream().limit(5).map(Node::id).collect(Collectors.toSet());
        Map<NodeId, Long> promised = new HashMap<>();
        promised.put(nodes.get(5).id(), 999 * ByteSize.GIB);
        List<Node> picks = new NodeSelector(nodes, Spread.FARM, 1)
                .pick(new NodeSelector.Request(100, 2 * ByteSize.GIB, taken, Set.of(), promised, Map.of()));
        assertThat(picks).hasSize(nodes.size() - 6).extracting(Node::id).doesNotContainAnyElementsOf(taken)
                .doesNotContain(nodes.get(5).id());
    }

    @Test
    void nodesToAvoidArePickedOnlyWhenTheOthersRunOut() {
        List<Node> nodes = catalogue();
        Set<NodeId> preferNot = nodes.stream().skip(2).map(Node::id).collect(Collectors.toSet());
        List<Node> picks = new NodeSelector(nodes, Spread.NONE, 1)
                .pick(new NodeSelector.Request(4, ByteSize.GIB, Set.of(), preferNot, Map.of(), Map.of()));
        assertThat(picks.subList(0, 2)).extracting(Node::id).containsExactlyInAnyOrder(nodes.get(0).id(),
                nodes.get(1).id());
        assertThat(picks).hasSize(4);
    }
}
