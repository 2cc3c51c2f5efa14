package io.qsctl.bench;

import io.qsctl.provider.BackendSpec;
import io.qsctl.provider.Contract;
import io.qsctl.provider.ContractId;
import io.qsctl.provider.ContractState;
import io.qsctl.provider.Farm;
import io.qsctl.provider.FarmId;
import io.qsctl.provider.Grid;
import io.qsctl.provider.GridInfo;
import io.qsctl.provider.Node;
import io.qsctl.provider.NodeId;
import io.qsctl.provider.NodePage;
import io.qsctl.provider.NodeQuery;
import io.qsctl.provider.NodeStatus;
import io.qsctl.provider.PriceQuote;
import io.qsctl.provider.ReservationBatch;
import io.qsctl.provider.Resources;
import io.qsctl.provider.Signed;
import io.qsctl.provider.Tft;
import io.qsctl.provider.TwinId;
import io.qsctl.provider.ZdbEndpoint;
import io.qsctl.reconciler.Planner;
import io.qsctl.reconciler.api.BackendRecord;
import io.qsctl.reconciler.api.BackendStatus;
import io.qsctl.reconciler.api.ClusterState;
import io.qsctl.reconciler.api.CreateBackend;
import io.qsctl.reconciler.api.Plan;
import io.qsctl.reconciler.api.PlanOptions;
import io.qsctl.reconciler.api.StateBinding;
import io.qsctl.spec.ByteSize;
import io.qsctl.spec.ClusterSpec;
import io.qsctl.spec.FundingSpec;
import io.qsctl.spec.MetadataSpec;
import io.qsctl.spec.MountSpec;
import io.qsctl.spec.Network;
import io.qsctl.spec.NodeSpec;
import io.qsctl.spec.Placement;
import io.qsctl.spec.Redundancy;
import io.qsctl.spec.Signing;
import io.qsctl.spec.Spread;
import io.qsctl.spec.StorageCluster;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Planning at scale, in-process: 1,000 backends (996 data, 4 metadata) over a catalogue of 10,000
 * nodes (400 farms in 20 countries, seeded random HDD sizes, uptimes and prices), read through
 * the {@link Grid} interface page by page as from the grid proxy. Target from issue 4: under 1 s.
 *
 * <ul>
 *   <li>{@code firstPlan}: no state yet; the whole cluster is placed (spread over farms) and priced.</li>
 *   <li>{@code firstPlanInSixCountries}: the same, placement limited to 6 countries, spread over countries.</li>
 *   <li>{@code replanUnchanged}: the 1,000 backends exist; refresh every contract and node, diff, no changes.</li>
 * </ul>
 *
 * The grid here is an in-memory catalogue that answers instantly, so the figure is the planner's
 * own cost; against the real grid proxy the 20 page requests add their network time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PlannerBenchmark {

    private static final String[] COUNTRIES = {"BE", "NL", "DE", "FR", "CH", "AT", "IT", "ES", "PT", "IE", "GB", "DK",
        "SE", "NO", "FI", "PL", "CZ", "SI", "HR", "RO"};

    private CatalogueGrid grid;
    private StorageCluster cluster;
    private StorageCluster inSixCountries;
    private ClusterState existing;
    private StateBinding existingBinding;

    @Setup
    public void setUp() {
        grid = CatalogueGrid.random(10_000, 400, new Random(4));
        cluster = cluster(Placement.anywhere());
        inSixCountries = cluster(new Placement(List.of("BE", "NL", "DE", "FR", "CH", "AT"), List.of(), List.of(),
                List.of(), Spread.COUNTRY));
        Plan first = firstPlan();
        if (first.actions().size() != 1000) {
            throw new IllegalStateException("expected 1,000 creates, got " + first.actions().size());
        }
        existing = grid.reserveAll(cluster.name(), first);
        existingBinding = new StateBinding(Optional.of("bench"), 1000);
        if (replanUnchanged().hasChanges()) {
            throw new IllegalStateException("a re-plan of an unchanged cluster has changes");
        }
    }

    private static StorageCluster cluster(Placement placement) {
        return new StorageCluster("bench", Map.of(), new ClusterSpec(Network.MAIN, ByteSize.ofBytes(100 * ByteSize.TIB),
                new Redundancy(16, 4), new NodeSpec(996, placement), new MetadataSpec(4, ByteSize.ofGibibytes(1)),
                new MountSpec(Optional.empty(), ByteSize.ofGibibytes(20), ByteSize.ofMebibytes(64),
                        ByteSize.ofMebibytes(256)), Signing.LOCAL, new FundingSpec(30, 14), List.of()));
    }

    @Benchmark
    public Plan firstPlan() {
        return new Planner(grid).plan(cluster, ClusterState.empty("bench", "main"), StateBinding.none(),
                Optional.of(CatalogueGrid.TWIN), PlanOptions.defaults());
    }

    @Benchmark
    public Plan firstPlanInSixCountries() {
        return new Planner(grid).plan(inSixCountries, ClusterState.empty("bench", "main"), StateBinding.none(),
                Optional.of(CatalogueGrid.TWIN), PlanOptions.defaults());
    }

    @Benchmark
    public Plan replanUnchanged() {
        return new Planner(grid).plan(cluster, existing, existingBinding, Optional.of(CatalogueGrid.TWIN),
                PlanOptions.defaults());
    }

    /** A read-mostly grid: a fixed node catalogue, prices, and the contracts {@link #reserveAll} made. */
    static final class CatalogueGrid implements Grid {

        static final TwinId TWIN = new TwinId(7);
        private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

        private final List<Node> nodes;
        private final Map<NodeId, Node> byId = new HashMap<>();
        private final Map<ContractId, Contract> contracts = new HashMap<>();

        private CatalogueGrid(List<Node> nodes) {
            this.nodes = nodes;
            nodes.forEach(n -> byId.put(n.id(), n));
        }

        static CatalogueGrid random(int count, int farms, Random random) {
            List<Node> nodes = new ArrayList<>(count);
            for (int i = 1; i <= count; i++) {
                long farm = 1 + random.nextInt(farms);
                long hddTib = 1 + random.nextInt(20);
                long usedGib = random.nextInt((int) (hddTib * 512));
                nodes.add(new Node(new NodeId(i), new FarmId(farm), "farm-" + farm, new TwinId(10_000 + i),
                        COUNTRIES[(int) (farm % COUNTRIES.length)], "City", random.nextInt(50) == 0 ? NodeStatus.DOWN
                        : NodeStatus.UP, random.nextInt(40) != 0, new Resources(16, 64 * ByteSize.GIB,
                        1024 * ByteSize.GIB, hddTib * ByteSize.TIB), new Resources(0, 0, 0, usedGib * ByteSize.GIB),
                        random.nextInt(400 * 86_400), NOW, random.nextBoolean(),
                        BigDecimal.valueOf(5 + random.nextInt(50), 1), List.of("zdb", "zmachine")));
            }
            return new CatalogueGrid(nodes);
        }

        /** Makes a contract for every create of {@code plan}, and returns the state that records them. */
        ClusterState reserveAll(String cluster, Plan plan) {
            ClusterState state = ClusterState.empty(cluster, "main").withTwin(TWIN);
            long id = 1;
            for (CreateBackend c : plan.actionsOf(CreateBackend.class)) {
                ContractId contract = new ContractId(id++);
                String hash = String.format("%032x", contract.value());
                contracts.put(contract, new Contract(contract, TWIN, c.target().node(), ContractState.CREATED, hash,
                        "{\"v\":1,\"type\":\"qsctl\",\"cluster\":\"" + cluster + "\",\"backend\":\"" + c.backend()
                                + "\",\"role\":\"" + c.role().id() + "\"}", c.size(), NOW, Optional.empty()));
                state = state.with(new BackendRecord(c.backend(), c.role(), c.target().node(), c.target().farm(),
                        c.target().country(), c.size(), c.mode(), contract, hash, Optional.of("ns"),
                        Optional.of("[fd00::1]:9900"), BackendStatus.ACTIVE, 1, NOW, NOW));
            }
            return state;
        }

        @Override
        public GridInfo info() {
            return new GridInfo("main", "memory:catalogue");
        }

        @Override
        public Instant now() {
            return NOW;
        }

        @Override
        public NodePage nodes(NodeQuery query) {
            List<Node> matching = new ArrayList<>();
            for (Node n : nodes) {
                if (query.matches(n)) {
                    matching.add(n);
                }
            }
            int from = Math.min(matching.size(), (query.page() - 1) * query.size());
            return new NodePage(matching.subList(from, Math.min(matching.size(), from + query.size())), matching.size());
        }

        @Override
        public Optional<Node> node(NodeId id) {
            return Optional.ofNullable(byId.get(id));
        }

        @Override
        public List<Farm> farms() {
            return List.of();
        }

        @Override
        public Optional<TwinId> twin(String publicKeyHex) {
            return Optional.of(TWIN);
        }

        @Override
        public TwinId createTwin(String publicKeyHex) {
            return TWIN;
        }

        @Override
        public Tft balance(TwinId twin) {
            return Tft.of(1_000_000);
        }

        @Override
        public PriceQuote quote(List<BackendSpec> backends) {
            List<PriceQuote.Line> lines = new ArrayList<>(backends.size());
            Tft total = Tft.ZERO;
            for (BackendSpec b : backends) {
                Tft hourly = new Tft(b.size() / ByteSize.GIB * 417);
                lines.add(new PriceQuote.Line(b.name(), b.node(), b.size(), hourly));
                total = total.plus(hourly);
            }
            return new PriceQuote(lines, total, NOW.plus(Duration.ofMinutes(30)));
        }

        @Override
        public List<Contract> contracts(TwinId twin) {
            return List.copyOf(contracts.values());
        }

        @Override
        public Optional<Contract> contract(ContractId id) {
            return Optional.ofNullable(contracts.get(id));
        }

        @Override
        public Optional<ZdbEndpoint> endpoint(ContractId id) {
            return Optional.empty();
        }

        @Override
        public List<Contract> reserve(ReservationBatch batch, Signed signature) {
            throw new UnsupportedOperationException("planning only");
        }

        @Override
        public Contract grow(ContractId contract, io.qsctl.provider.Deployment updated, Signed signature) {
            throw new UnsupportedOperationException("planning only");
        }

        @Override
        public void cancel(ContractId contract, Signed signature) {
            throw new UnsupportedOperationException("planning only");
        }

        @Override
        public void close() {
        }
    }
}
