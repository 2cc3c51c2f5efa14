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
import io.qsctl.reconciler.api.BackendNames;
import io.qsctl.testing.RandomCases;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReservationBatcherTest {

    private static final String NETWORK = "main";
    private static final String PREFIX = "0123456789abcdef";
    private static final TwinId TWIN = new TwinId(123_456);

    private static final int MAX_BACKENDS = 500;
    private static final long MAX_NODE = 4_000_000_000L;
    private static final long MAX_COST = 5_000_000_000L;
    private static final int MAX_INDEX = 1023;

    /**
     * Every backend count from 1 to 500, three times: with a random pool of 1 to 500 deployments
     * (node ids, costs and indexes biased to their bounds), with the largest node ids, costs and
     * indexes (the longest lines and headers), and with the smallest. 1,500 cases.
     */
    @Test
    void everyPayloadFitsOneQrCodeAndTheBatchCountIsWithinTenPercentOfTheMinimum() {
        RandomCases.check("everyPayloadFitsOneQrCodeAndTheBatchCountIsWithinTenPercentOfTheMinimum", 3 * MAX_BACKENDS,
                (random, i) -> {
                    int count = 1 + i % MAX_BACKENDS;
                    List<ReservationBatcher.Item> pool = switch (i / MAX_BACKENDS) {
                        case 0 -> randomPool(random);
                        case 1 -> List.of(item(MAX_NODE, password(random), MAX_COST, MAX_INDEX));
                        default -> List.of(item(1, password(random), 0, 0));
                    };
                    batchesFitAndAreFew(count, pool);
                });
    }

    private static void batchesFitAndAreFew(int count, List<ReservationBatcher.Item> pool) {
        List<ReservationBatcher.Item> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(pool.get(i % pool.size()));
        }
        List<ReservationBatch> batches = ReservationBatcher.batch(NETWORK, PREFIX, TWIN, items);

        for (ReservationBatch b : batches) {
            assertThat(b.signingPayload().length).as("payload of batch %s of %d backends", b.id(), count)
                    .isLessThanOrEqualTo(ReservationBatch.MAX_PAYLOAD_BYTES);
        }
        List<Deployment> packed = batches.stream().flatMap(b -> b.deployments().stream()).toList();
        assertThat(packed).as("deployments of %d backends, in order", count)
                .containsExactlyElementsOf(items.stream().map(ReservationBatcher.Item::deployment).toList());
        assertThat(batches.size()).as("batches for %d backends", count)
                .isLessThanOrEqualTo((int) Math.ceil(1.1 * lowerBound(items)));
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

    /** 1 to 500 deployments with node ids, passwords, costs and indexes as a plan may have them. */
    private static List<ReservationBatcher.Item> randomPool(Random random) {
        int size = RandomCases.between(random, 1, MAX_BACKENDS);
        List<ReservationBatcher.Item> pool = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            pool.add(item(RandomCases.between(random, 1, MAX_NODE), password(random),
                    RandomCases.between(random, 0, MAX_COST), RandomCases.between(random, 0, MAX_INDEX)));
        }
        return pool;
    }

    private static ReservationBatcher.Item item(long node, String password, long cost, int index) {
        BackendSpec spec = new BackendSpec("cluster", BackendNames.of(BackendRole.DATA, index), BackendRole.DATA,
                new NodeId(node), 1L << 34, ZdbMode.SEQ);
        return new ReservationBatcher.Item(Deployment.of(TWIN, spec, password), new Tft(cost));
    }

    /** 16 ASCII letters. */
    private static String password(Random random) {
        char[] letters = new char[16];
        for (int i = 0; i < letters.length; i++) {
            int letter = random.nextInt(52);
            letters[i] = (char) (letter < 26 ? 'a' + letter : 'A' + letter - 26);
        }
        return new String(letters);
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
