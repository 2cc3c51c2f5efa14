package io.qsctl.provider.local;

import io.qsctl.provider.BackendSpec;
import io.qsctl.provider.Contract;
import io.qsctl.provider.ContractId;
import io.qsctl.provider.ContractState;
import io.qsctl.provider.Deployment;
import io.qsctl.provider.Farm;
import io.qsctl.provider.FarmId;
import io.qsctl.provider.Grid;
import io.qsctl.provider.GridException;
import io.qsctl.provider.GridException.Kind;
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
import io.qsctl.provider.ZdbMode;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The embedded grid itself, in process: the world, its ledger, its nodes' storage and its clock,
 * behind the {@link Grid} interface. The daemon serves it over HTTP; tests may also use it
 * directly. Every change is written to {@code <home>/world.json} before the call returns. The
 * signed actions on contracts (reserve, grow, cancel) are checked and made by a {@link Deployer}.
 *
 * <p>Thread-safety: every public method is synchronized. Before answering, each call bills what
 * the clock has made due, so what it shows is never behind the clock.
 */
public final class EmbeddedGrid implements Grid {

    /** How long a price quote holds. */
    public static final Duration QUOTE_VALIDITY = Duration.ofMinutes(10);
    public static final Tft DEFAULT_STARTING_FUNDS = Tft.of(1000);
    /** A long clock advance saves the world at least this often (real time), besides at its end. */
    static final Duration SAVE_INTERVAL = Duration.ofMillis(500);
    static final String LOOPBACK = "127.0.0.1";
    private static final List<String> FEATURES = List.of(NodeQuery.ZDB);

    /**
     * How to open a grid.
     *
     * @param home          the grid home: world.json and nodes/ live there
     * @param timeScale     grid seconds per real second
     * @param seed          the default topology's seed, used when the home is new
     * @param startingFunds what a newly registered twin receives
     * @param realTime      the real clock
     */
    public record Settings(Path home, long timeScale, long seed, Tft startingFunds, InstantSource realTime) {
        public Settings {
            Objects.requireNonNull(home, "home");
            Objects.requireNonNull(startingFunds, "startingFunds");
            Objects.requireNonNull(realTime, "realTime");
            GridLimits.timeScale(timeScale).ifPresent(problem -> {
                throw new IllegalArgumentException(problem);
            });
            GridLimits.startingFunds(startingFunds).ifPresent(problem -> {
                throw new IllegalArgumentException(problem);
            });
        }

        public static Settings of(Path home) {
            return new Settings(home, 1, 1, DEFAULT_STARTING_FUNDS, InstantSource.system());
        }

        public Settings withTimeScale(long scale) {
            return new Settings(home, scale, seed, startingFunds, realTime);
        }

        public Settings withSeed(long newSeed) {
            return new Settings(home, timeScale, newSeed, startingFunds, realTime);
        }

        public Settings withStartingFunds(Tft funds) {
            return new Settings(home, timeScale, seed, funds, realTime);
        }

        public Settings withRealTime(InstantSource source) {
            return new Settings(home, timeScale, seed, startingFunds, source);
        }
    }

    /** A summary, for status and health. */
    public record Summary(Instant now, long timeScale, int farms, int nodes, int nodesUp, int twins, int liveContracts) {
    }

    private final Settings settings;
    private final World world;
    private final GridClock clock;
    private final NodeFleet fleet;
    private final DeletionsAfterSave nodeActions;
    private final Ledger ledger;
    private final Deployer deployer;
    private final WorldStore store;
    private final SecureRandom random = new SecureRandom();
    private String endpoint;
    private boolean closed;
    private List<String> repairsAtStart = List.of();
    private long lastSaved = System.nanoTime();

    private EmbeddedGrid(Settings settings, World world, GridClock clock, NodeFleet fleet, WorldStore store) {
        this.settings = settings;
        this.world = world;
        this.clock = clock;
        this.fleet = fleet;
        this.nodeActions = new DeletionsAfterSave(fleet);
        this.ledger = new Ledger(world, nodeActions);
        this.deployer = new Deployer(world, fleet, ledger, this::persist);
        this.store = store;
        this.endpoint = "embedded:" + settings.home();
    }

    /**
     * Opens the grid of a home, creating the default world if the home is new: every node's
     * storage is opened and every node that is up serves again on its last port (or another).
     */
    public static EmbeddedGrid open(Settings settings) {
        WorldStore store = new WorldStore(settings.home());
        Optional<World.State> saved = store.load();
        World world;
        GridClock clock;
        List<Topology.TenantContract> tenantContracts = List.of();
        long tenant = 0;
        if (saved.isPresent()) {
            world = World.of(saved.get());
            clock = GridClock.resuming(new GridClock.Reading(saved.get().clockReal(), saved.get().clockGrid()),
                    settings.realTime(), settings.timeScale());
        } else {
            clock = GridClock.starting(settings.realTime(), settings.timeScale());
            Topology.Generated generated = Topology.generate(settings.seed(), clock.now());
            world = generated.world();
            tenantContracts = generated.tenantContracts();
            tenant = generated.tenantTwin();
        }
        NodeFleet fleet = new NodeFleet(settings.home().resolve("nodes"));
        EmbeddedGrid grid = new EmbeddedGrid(settings, world, clock, fleet, store);
        try {
            grid.start(tenant, tenantContracts);
        } catch (RuntimeException e) {
            fleet.close();
            throw e;
        }
        return grid;
    }

    private synchronized void start(long tenant, List<Topology.TenantContract> tenantContracts) {
        for (NodeRecord node : world.nodes()) {
            fleet.open(node.id());
        }
        // before any node serves: what a crash interrupted is finished, so nobody sees a namespace
        // the saved ledger does not call live
        repairsAtStart = NodeAgreement.restore(world, fleet);
        for (NodeRecord node : List.copyOf(world.nodes())) {
            if (node.up()) {
                world.put(node.withPort(fleet.serve(node.id(), node.port())));
            }
        }
        Instant now = clock.now();
        for (Topology.TenantContract tc : tenantContracts) {
            long id = world.newContractId();
            String name = "tenant-" + id;
            String namespace = tenant + "-" + id + "-" + name;
            fleet.create(tc.node(), namespace, randomPassword(), ZdbMode.SEQ, tc.size());
            world.put(ContractRecord.created(id, tenant, tc.node(), randomHash(), "{\"type\":\"tenant\"}", tc.size(),
                    namespace, now));
        }
        // 0-db keeps locks in memory only: a grid that starts again locks its graced namespaces again
        for (ContractRecord c : world.contracts()) {
            if (c.state() == ContractState.GRACE) {
                fleet.lock(c);
            }
        }
        ledger.bill(now);
        persist();
    }

    /**
     * What opening the grid removed to bring the nodes in line with the saved ledger after a crash
     * (see {@link NodeAgreement}), a sentence each; empty after a clean stop.
     */
    public synchronized List<String> repairsAtStart() {
        return repairsAtStart;
    }

    /** The daemon tells the grid where it is served. */
    public synchronized void servedAt(String url) {
        this.endpoint = url;
    }

    // ------------------------------------------------------------------ observing

    @Override
    public synchronized GridInfo info() {
        return new GridInfo(SignedPayloads.NETWORK, endpoint);
    }

    @Override
    public synchronized Instant now() {
        return clock.now();
    }

    public long timeScale() {
        return clock.timeScale();
    }

    @Override
    public synchronized NodePage nodes(NodeQuery query) {
        Instant now = settle();
        List<Node> matching = new ArrayList<>();
        for (NodeRecord record : world.nodes()) {
            Node node = toNode(record, now);
            if (query.matches(node)) {
                matching.add(node);
            }
        }
        matching.sort(order(query));
        int from = (int) Math.min((long) (query.page() - 1) * query.size(), matching.size());
        int to = Math.min(from + query.size(), matching.size());
        return new NodePage(matching.subList(from, to), matching.size());
    }

    private static Comparator<Node> order(NodeQuery query) {
        Comparator<Node> byId = Comparator.comparing(Node::id);
        Comparator<Node> field = switch (query.sortBy().orElse("node_id")) {
            case "node_id" -> byId;
            case "free_hru" -> Comparator.comparingLong(Node::freeHru);
            case "total_hru" -> Comparator.comparingLong((Node n) -> n.total().hru());
            case "used_hru" -> Comparator.comparingLong((Node n) -> n.used().hru());
            case "uptime" -> Comparator.comparingLong(Node::uptimeSeconds);
            case "price_usd" -> Comparator.comparing(Node::priceUsd);
            case "status" -> Comparator.comparing((Node n) -> n.status().id());
            case "farm_id" -> Comparator.comparing(Node::farmId, Comparator.comparingLong(FarmId::value));
            case "country" -> Comparator.comparing(Node::country);
            default -> throw new GridException(Kind.INVALID, "cannot sort nodes by '" + query.sortBy().get() + "'");
        };
        Comparator<Node> ordered = query.ascending() ? field : field.reversed();
        return ordered.thenComparing(byId);
    }

    @Override
    public synchronized Optional<Node> node(NodeId id) {
        Instant now = settle();
        return world.node(id.value()).map(r -> toNode(r, now));
    }

    @Override
    public synchronized List<Farm> farms() {
        return world.farms().stream().map(EmbeddedGrid::toFarm).toList();
    }

    public synchronized Optional<Farm> farm(FarmId id) {
        return world.farm(id.value()).map(EmbeddedGrid::toFarm);
    }

    @Override
    public synchronized Optional<TwinId> twin(String publicKeyHex) {
        return world.twinByKey(publicKeyHex).map(t -> new TwinId(t.id()));
    }

    public synchronized Optional<String> publicKey(TwinId twin) {
        return world.twin(twin.value()).map(TwinRecord::publicKey);
    }

    @Override
    public synchronized Tft balance(TwinId twin) {
        settle();
        return new Tft(world.requireTwin(twin.value()).balance());
    }

    /** What the twin's contracts in grace owe. */
    public synchronized Tft debt(TwinId twin) {
        settle();
        world.requireTwin(twin.value());
        return ledger.debt(twin.value());
    }

    @Override
    public synchronized PriceQuote quote(List<BackendSpec> backends) {
        if (backends.size() > GridLimits.MAX_BATCH) {
            invalid("a quote is for at most " + GridLimits.MAX_BATCH + " backends, not " + backends.size());
        }
        Instant now = settle();
        List<PriceQuote.Line> lines = new ArrayList<>();
        Tft total = Tft.ZERO;
        for (BackendSpec backend : backends) {
            NodeRecord node = world.requireNode(backend.node().value());
            Tft hourly = ledger.hourly(node, backend.size());
            lines.add(new PriceQuote.Line(backend.name(), backend.node(), backend.size(), hourly));
            total = total.plus(hourly);
        }
        return new PriceQuote(lines, total, now.plus(QUOTE_VALIDITY));
    }

    @Override
    public synchronized List<Contract> contracts(TwinId twin) {
        settle();
        return world.contracts().stream().filter(c -> c.twin() == twin.value() && c.live())
                .map(ContractRecord::toContract).toList();
    }

    /** Every contract of a twin, deleted ones too (the grid proxy's {@code /contracts?twin_id=} without a state). */
    public synchronized List<Contract> allContracts(Optional<TwinId> twin) {
        settle();
        return world.contracts().stream().filter(c -> twin.isEmpty() || c.twin() == twin.get().value())
                .map(ContractRecord::toContract).toList();
    }

    @Override
    public synchronized Optional<Contract> contract(ContractId id) {
        settle();
        return world.contract(id.value()).map(ContractRecord::toContract);
    }

    /** The farm of a contract's node, which the grid proxy's contract details name. */
    public synchronized Farm farmOfNode(NodeId node) {
        return toFarm(world.farm(world.requireNode(node.value()).farm()).orElseThrow());
    }

    @Override
    public synchronized Optional<ZdbEndpoint> endpoint(ContractId id) {
        settle();
        Optional<ContractRecord> contract = world.contract(id.value()).filter(ContractRecord::live);
        if (contract.isEmpty()) {
            return Optional.empty();
        }
        NodeRecord node = world.requireNode(contract.get().node());
        return Optional.of(new ZdbEndpoint(id, contract.get().namespace(), List.of(LOOPBACK), node.port()));
    }

    // ------------------------------------------------------------------ twins and money

    @Override
    public synchronized TwinId createTwin(String publicKeyHex) {
        String key = publicKeyHex.toLowerCase(Locale.ROOT);
        if (!key.matches("[0-9a-f]{64}")) {
            throw new GridException(Kind.INVALID, "an account key is 32 bytes of hex (64 characters)");
        }
        Optional<TwinRecord> existing = world.twinByKey(key);
        if (existing.isPresent()) {
            return new TwinId(existing.get().id());
        }
        TwinRecord twin = new TwinRecord(world.newTwinId(), key, settings.startingFunds().units());
        world.put(twin);
        persist();
        return new TwinId(twin.id());
    }

    /** A transfer into the twin's account (the faucet): debts are settled with it, oldest first. */
    public synchronized Tft fund(TwinId twin, Tft amount) {
        settle();
        TwinRecord record = world.requireTwin(twin.value());
        GridLimits.transfer("a transfer", amount).ifPresent(EmbeddedGrid::invalid);
        if (record.balance() + amount.units() > GridLimits.MAX_BALANCE.units()) {
            invalid("twin " + twin + " holds " + new Tft(record.balance()) + "; " + amount + " more would pass "
                    + GridLimits.MAX_BALANCE + ", the most an account holds here");
        }
        ledger.fund(twin.value(), amount);
        persist();
        return new Tft(world.requireTwin(twin.value()).balance());
    }

    /** Takes funds out of the account (all when {@code amount} is empty): the empty wallet, on purpose. */
    public synchronized Tft drain(TwinId twin, Optional<Tft> amount) {
        settle();
        world.requireTwin(twin.value());
        amount.flatMap(a -> GridLimits.transfer("an amount to take", a)).ifPresent(EmbeddedGrid::invalid);
        ledger.drain(twin.value(), amount.orElse(null));
        persist();
        return new Tft(world.requireTwin(twin.value()).balance());
    }

    // ------------------------------------------------------------------ deploying

    @Override
    public synchronized List<Contract> reserve(ReservationBatch batch, Signed signature) {
        if (batch.deployments().size() > GridLimits.MAX_BATCH) {
            invalid("a reservation batch holds at most " + GridLimits.MAX_BATCH + " deployments, not "
                    + batch.deployments().size());
        }
        Instant now = settle();
        return deployer.reserve(batch, signature, now);
    }

    @Override
    public synchronized Contract grow(ContractId contractId, Deployment updated, Signed signature) {
        settle();
        return deployer.grow(contractId, updated, signature);
    }

    @Override
    public synchronized void cancel(ContractId contractId, Signed signature) {
        Instant now = settle();
        deployer.cancel(contractId, signature, now);
    }

    // ------------------------------------------------------------------ the grid's own controls

    /**
     * Moves the grid clock forward and bills every hour that passes; returns the new time, once
     * all of it is billed and saved. At most {@link GridLimits#MAX_CLOCK_ADVANCE}. The clock moves
     * a grid day at a time, and the grid answers other calls between days. The world is saved
     * after a day that deleted a contract (before its namespace goes), at least every
     * {@link #SAVE_INTERVAL} of real time, and at the end: whenever the grid stops, what is saved
     * is whole days, billed, and agrees with the nodes' files.
     */
    public Instant advance(Duration by) {
        GridLimits.clockAdvance(by).ifPresent(EmbeddedGrid::invalid);
        Duration left = by;
        Instant now;
        do {
            Duration step = left.compareTo(GridLimits.BILLING_CHUNK) > 0 ? GridLimits.BILLING_CHUNK : left;
            now = advanceStep(step, by, left, step.equals(left));
            left = left.minus(step);
        } while (!left.isZero());
        return now;
    }

    private synchronized Instant advanceStep(Duration step, Duration whole, Duration left, boolean last) {
        if (closed) {
            throw new GridException(Kind.UNAVAILABLE, "the embedded grid stopped while its clock was advancing ("
                    + whole.minus(left).toHours() + " of " + whole.toHours() + " hours done and billed)");
        }
        clock.advance(step);
        Instant now = clock.now();
        ledger.bill(now);
        if (last || nodeActions.pending() || System.nanoTime() - lastSaved >= SAVE_INTERVAL.toNanos()) {
            persist();
        }
        return now;
    }

    /** Chaos: the node goes down. Its zdb stops answering; its contracts stay and are billed. */
    public synchronized Node stopNode(NodeId id) {
        Instant now = settle();
        NodeRecord node = world.requireNode(id.value());
        fleet.halt(node.id());
        NodeRecord down = node.withStatus("down", now);
        world.put(down);
        persist();
        return toNode(down, now);
    }

    /** Chaos: the node comes back, on its old port if it is free, else on another. */
    public synchronized Node startNode(NodeId id) {
        Instant now = settle();
        NodeRecord node = world.requireNode(id.value());
        int port = fleet.serve(node.id(), node.port());
        NodeRecord up = node.withStatus("up", now).withPort(port);
        world.put(up);
        persist();
        return toNode(up, now);
    }

    /** Chaos: the node loses its disk. Every namespace is gone; contracts stay created. Returns how many went. */
    public synchronized int wipeNode(NodeId id) {
        settle();
        NodeRecord node = world.requireNode(id.value());
        return fleet.wipe(node.id());
    }

    public synchronized Summary summary() {
        Instant now = settle();
        int up = (int) world.nodes().stream().filter(NodeRecord::up).count();
        int live = (int) world.contracts().stream().filter(ContractRecord::live).count();
        return new Summary(now, clock.timeScale(), world.farms().size(), world.nodes().size(), up, world.twins().size(),
                live);
    }

    /** Bills what came due; the daemon's timer calls this so grace starts and ends on time with nobody asking. */
    public synchronized void tick() {
        if (!closed) {
            settle();
        }
    }

    // ------------------------------------------------------------------ internals

    private Instant settle() {
        if (closed) {
            throw new GridException(Kind.UNAVAILABLE, "the embedded grid is closed");
        }
        Instant now = clock.now();
        if (ledger.bill(now)) {
            persist();
        }
        return now;
    }

    /** Saves the world; only then are the namespaces of contracts it deleted removed from their nodes. */
    private void persist() {
        store.save(world.state(clock.read()));
        lastSaved = System.nanoTime();
        nodeActions.saved();
    }

    private static void invalid(String problem) {
        throw new GridException(Kind.INVALID, problem);
    }

    private Node toNode(NodeRecord r, Instant now) {
        FarmRecord farm = world.farm(r.farm()).orElseThrow();
        NodeStatus status = NodeStatus.fromId(r.status());
        boolean up = status == NodeStatus.UP;
        Instant reported = up ? now : r.updatedAt();
        long uptime = Math.max(0, Duration.between(r.bootedAt(), reported).toSeconds());
        return new Node(new NodeId(r.id()), new FarmId(farm.id()), farm.name(), new TwinId(r.twin()), r.country(), r.city(),
                status, up, new Resources(r.cru(), r.mru(), r.sru(), r.hru()), new Resources(0, 0, 0, world.usedHru(r.id())),
                uptime, reported, farm.certified(), Pricing.nodePriceUsd(r.hru(), r.sru(), r.priceMille(), farm.certified()),
                FEATURES);
    }

    private static Farm toFarm(FarmRecord f) {
        return new Farm(new FarmId(f.id()), f.name(), new TwinId(f.twin()), f.certified());
    }

    private String randomPassword() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private String randomHash() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Stops every node's server, writes the world, closes every engine. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        try {
            persist();
        } finally {
            closed = true;
            fleet.close();
        }
    }
}
