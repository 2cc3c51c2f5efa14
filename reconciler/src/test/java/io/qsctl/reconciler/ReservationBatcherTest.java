package io.qsctl.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.qsctl.provider.BackendRole;
import io.qsctl.provider.BackendSpec;
import io.qsctl.provider.Deployment;
import io.qsctl.provider.NodeId;
import io.qsctl.provider.ReservationBatch;
import io.qsctl.provider.Tft;
import io.qsctl.provider.TwinId;
import io.qsctl.provider.ZdbMode;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ReservationBatcherTest {

    private static final String NETWORK = "main";
    private static final String PREFIX = "0123456789abcdef";
    private static final TwinId TWIN = new TwinId(123_456);

    @Property(tries = 200)
    void everyPayloadFitsOneQrCodeAndTheBatchCountIsWithinTenPercentOfTheMinimum(
            @ForAll @IntRange(min = 1, max = 500) int count, @ForAll("items") List<ReservationBatcher.Item> pool) {
        List<ReservationBatcher.Item> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(pool.get(i % pool.size()));
        }
        List<ReservationBatch> batches = ReservationBatcher.batch(NETWORK, PREFIX, TWIN, items);

        for (ReservationBatch b : batches) {
            assertThat(b.signingPayload().length).isLessThanOrEqualTo(ReservationBatch.MAX_PAYLOAD_BYTES);
        }
        List<Deployment> packed = batches.stream().flatMap(b -> b.deployments().stream()).toList();
        assertThat(packed).containsExactlyElementsOf(items.stream().map(ReservationBatcher.Item::deployment).toList());
        assertThat(batches.size()).isLessThanOrEqualTo((int) Math.ceil(1.1 * lowerBound(items)));
    }

    /**
     * No packing can use fewer batches than this: every batch carries at least the smallest
     * possible header (the shortest batch id, a cost of "0"), and its items with one comma each
     * (one comma too many, counted in the capacity).
     */
    private static int lowerBound(List<ReservationBatcher.Item> items) {
        int header = ReservationBatch.payloadSize(NETWORK, PREFIX + "/0", TWIN, Tft.ZERO, List.of());
        long capacity = ReservationBatch.MAX_PAYLOAD_BYTES - header + 1;
        long total = 0;
        for (ReservationBatcher.Item item : items) {
            Deployment d = item.deployment();
            int line = ReservationBatch.payloadSize(NETWORK, PREFIX + "/0", TWIN, Tft.ZERO,
                    List.of(new ReservationBatch.Item(d.backend().node(), d.hash()))) - header;
            total += line + 1;
        }
        return (int) Math.max(1, (total + capacity - 1) / capacity);
    }

    @Provide
    Arbitrary<List<ReservationBatcher.Item>> items() {
        Arbitrary<Long> nodes = Arbitraries.longs().between(1, 4_000_000_000L);
        Arbitrary<String> passwords = Arbitraries.strings().alpha().ofLength(16);
        Arbitrary<Long> costs = Arbitraries.longs().between(0, 5_000_000_000L);
        Arbitrary<Integer> indexes = Arbitraries.integers().between(0, 1023);
        return Combinators.combine(nodes, passwords, costs, indexes).as((node, password, cost, index) -> {
            BackendSpec spec = new BackendSpec("cluster", BackendNames.of(BackendRole.DATA, index), BackendRole.DATA,
                    new NodeId(node), 1L << 34, ZdbMode.SEQ);
            return new ReservationBatcher.Item(Deployment.of(TWIN, spec, password), new Tft(cost));
        }).list().ofMinSize(1).ofMaxSize(500);
    }

    @Test
    void aSmallPlanIsOneBatchNamedAfterThePlan() {
        List<ReservationBatcher.Item> items = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            BackendSpec spec = new BackendSpec("c", BackendNames.of(BackendRole.DATA, i), BackendRole.DATA,
                    new NodeId(10 + i), 1L << 30, ZdbMode.SEQ);
            items.add(new ReservationBatcher.Item(Deployment.of(TWIN, spec, "pw" + i), new Tft(1000)));
        }
        List<ReservationBatch> batches = ReservationBatcher.batch(NETWORK, "plan1", TWIN, items);
        assertThat(batches).singleElement().satisfies(b -> {
            assertThat(b.id()).isEqualTo("plan1/0");
            assertThat(b.hourlyCost()).isEqualTo(new Tft(6000));
        });
    }

    @Test
    void aThousandBackendsAreSplitIntoSeveralBatchesInPlanOrder() {
        List<ReservationBatcher.Item> items = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            BackendSpec spec = new BackendSpec("c", BackendNames.of(BackendRole.DATA, i), BackendRole.DATA,
                    new NodeId(1_000_000 + i), 1L << 30, ZdbMode.SEQ);
            items.add(new ReservationBatcher.Item(Deployment.of(TWIN, spec, "pw"), new Tft(1000)));
        }
        List<ReservationBatch> batches = ReservationBatcher.batch(NETWORK, "p", TWIN, items);
        assertThat(batches).hasSizeGreaterThan(10);
        assertThat(batches).extracting(ReservationBatch::id).startsWith("p/0", "p/1", "p/2");
        assertThat(batches.get(0).deployments().get(0).backend().name()).isEqualTo("data-00");
    }
}
