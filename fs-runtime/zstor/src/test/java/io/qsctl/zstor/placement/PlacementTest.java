package io.qsctl.zstor.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.qsctl.zstor.backend.Backend;
import io.qsctl.zstor.health.HealthState;
import io.qsctl.zstor.segment.SegmentId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PlacementTest {

    private static final Function<String, HealthState> ALL_HEALTHY = name -> HealthState.HEALTHY;

    /** {@code farms} farms of {@code perFarm} backends, farm f in country f % countries. */
    private static List<Backend> grid(int farms, int perFarm, int countries) {
        List<Backend> backends = new ArrayList<>();
        for (int f = 0; f < farms; f++) {
            for (int b = 0; b < perFarm; b++) {
                backends.add(new Backend("f" + f + "-b" + b, "127.0.0.1:" + (9000 + backends.size()), "ns", "pw",
                        Map.of(Backend.FARM, "farm" + f, Backend.COUNTRY, "c" + (f % countries), Backend.NODE,
                                "n" + f + "-" + b)));
            }
        }
        return backends;
    }

    private static Map<String, Integer> perFarm(List<Backend> chosen) {
        Map<String, Integer> counts = new HashMap<>();
        chosen.forEach(b -> counts.merge(b.labels().get(Backend.FARM), 1, Integer::sum));
        return counts;
    }

    @Test
    void twentyShardsOverFiveFarmsOfSixPutFourInEachFarm() {
        List<Backend> chosen = Placement.choose(SegmentId.random(), grid(5, 6, 3), ALL_HEALTHY, 20);
        assertThat(new HashSet<>(chosen)).hasSize(20);
        assertThat(perFarm(chosen).values()).containsOnly(4);
    }

    @Test
    void unevenFarmsStillGetNoMoreThanTheyMust() {
        // farms of 10, 2, 2, 2 backends: 8 shards fit 2 per farm; a naive fill would put 8 in the big farm
        List<Backend> backends = new ArrayList<>(grid(1, 10, 1));
        for (int f = 1; f <= 3; f++) {
            for (int b = 0; b < 2; b++) {
                backends.add(new Backend("small" + f + "-" + b, "127.0.0.1:1", "ns", "pw",
                        Map.of(Backend.FARM, "small" + f, Backend.COUNTRY, "c" + f)));
            }
        }
        List<Backend> chosen = Placement.choose(SegmentId.random(), backends, ALL_HEALTHY, 8);
        assertThat(perFarm(chosen).values()).containsOnly(2);
        // with 12 shards the small farms are full (6) and the big one takes the other 6
        List<Backend> twelve = Placement.choose(SegmentId.random(), backends, ALL_HEALTHY, 12);
        assertThat(perFarm(twelve)).containsEntry("farm0", 6);
    }

    @Test
    void withFarmsEvenCountriesAreSpreadToo() {
        // 4 farms of 1 backend in 2 countries, 2 shards: the two go to different countries
        List<Backend> backends = grid(4, 1, 2);
        for (int i = 0; i < 50; i++) {
            List<Backend> chosen = Placement.choose(SegmentId.random(), backends, ALL_HEALTHY, 2);
            assertThat(chosen.get(0).labels().get(Backend.COUNTRY)).isNotEqualTo(chosen.get(1).labels().get(Backend.COUNTRY));
        }
    }

    @Test
    void theSameSegmentAndBackendsGiveTheSamePlacementInAnyListOrder() {
        List<Backend> backends = grid(6, 5, 3);
        SegmentId id = SegmentId.random();
        List<Backend> first = Placement.choose(id, backends, ALL_HEALTHY, 12);
        List<Backend> shuffled = new ArrayList<>(backends);
        Collections.shuffle(shuffled, new Random(1));
        assertThat(Placement.choose(id, shuffled, ALL_HEALTHY, 12)).isEqualTo(first);
    }

    @Test
    void differentSegmentsUseDifferentBackendsSoLoadSpreads() {
        List<Backend> backends = grid(1, 40, 1);
        Map<String, Integer> uses = new HashMap<>();
        for (int i = 0; i < 400; i++) {
            Placement.choose(SegmentId.random(), backends, ALL_HEALTHY, 10).forEach(b -> uses.merge(b.name(), 1, Integer::sum));
        }
        // 4,000 shards over 40 backends: 100 each on average; every backend is used
        assertThat(uses).hasSize(40);
        assertThat(uses.values()).allSatisfy(n -> assertThat(n).isBetween(50, 150));
    }

    @Test
    void unwritableBackendsAreChosenOnlyWhenNeeded() {
        List<Backend> backends = grid(4, 3, 2);
        Function<String, HealthState> health = name -> name.startsWith("f0-") ? HealthState.UNREACHABLE
                : name.equals("f1-b0") ? HealthState.FULL : HealthState.HEALTHY;
        List<Backend> eight = Placement.choose(SegmentId.random(), backends, health, 8);
        assertThat(eight).noneMatch(b -> b.name().startsWith("f0-") || b.name().equals("f1-b0"));
        List<Backend> all = Placement.choose(SegmentId.random(), backends, health, 12);
        // the unwritable ones come last, so their shards are the ones a degraded write misses
        assertThat(all.subList(8, 12)).allMatch(b -> !health.apply(b.name()).writable());
    }

    @Test
    void aReplacementAvoidsHoldersAndGoesToTheLeastUsedFarm() {
        List<Backend> backends = grid(3, 4, 3);
        // holders: 3 in farm0, 2 in farm1, 1 in farm2
        List<Backend> holders = List.of(backends.get(0), backends.get(1), backends.get(2), backends.get(4),
                backends.get(5), backends.get(8));
        Optional<Backend> replacement = Placement.replacement(SegmentId.random(), backends, ALL_HEALTHY, holders);
        assertThat(replacement).isPresent();
        assertThat(holders).doesNotContain(replacement.get());
        assertThat(replacement.get().labels().get(Backend.FARM)).isEqualTo("farm2");
    }

    @Test
    void thereIsNoReplacementWhenEveryWritableBackendHoldsAShard() {
        List<Backend> backends = grid(2, 3, 1);
        Function<String, HealthState> health = name -> name.equals("f1-b2") ? HealthState.LOCKED : HealthState.HEALTHY;
        assertThat(Placement.replacement(SegmentId.random(), backends, health, backends.subList(0, 5))).isEmpty();
    }

    @Test
    void anAddedFarmAttractsAShardFromTheMostCrowdedOne() {
        List<Backend> backends = new ArrayList<>(grid(2, 4, 2));
        SegmentId id = SegmentId.random();
        List<Backend> holders = Placement.choose(id, backends, ALL_HEALTHY, 6);
        assertThat(Placement.improvement(id, backends, ALL_HEALTHY, holders)).isEmpty();
        backends.addAll(grid(3, 1, 3).subList(2, 3)); // farm2, a new farm with one backend
        Optional<Placement.Move> move = Placement.improvement(id, backends, ALL_HEALTHY, holders);
        assertThat(move).isPresent();
        assertThat(move.get().to().labels().get(Backend.FARM)).isEqualTo("farm2");
        assertThat(move.get().from()).isEqualTo(holders.get(move.get().shard()));
        List<Backend> after = new ArrayList<>(holders);
        after.set(move.get().shard(), move.get().to());
        // 3+3 over two farms became 3+2+1 or 2+3+1: then nothing more to gain (one backend in farm2 is taken)
        assertThat(Placement.improvement(id, backends, ALL_HEALTHY, after)).isEmpty();
    }
}
