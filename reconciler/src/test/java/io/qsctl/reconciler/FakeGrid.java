package io.qsctl.reconciler;

import io.qsctl.provider.BackendSpec;
import io.qsctl.provider.Contract;
import io.qsctl.provider.ContractId;
import io.qsctl.provider.ContractState;
import io.qsctl.provider.Deployment;
import io.qsctl.provider.Farm;
import io.qsctl.provider.FarmId;
import io.qsctl.provider.Grid;
import io.qsctl.provider.GridException;
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
import io.qsctl.spec.ByteSize;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * An in-memory grid that honours the {@link Grid} contract: reservations idempotent by (node,
 * deployment hash), signatures checked with real ed25519 against the twin's key, node capacity
 * and status, balances, contracts that can be deleted or put in grace from outside. Failures and
 * crashes are injected on purpose: a node that refuses, a node that dies right after a contract is
 * made, an empty wallet, and a {@link SimulatedCrash} before or after any changing call.
 */
final class FakeGrid implements Grid {

    enum Op { RESERVE, GROW, CANCEL }

    private final String network;
    private Instant now = Instant.parse("2026-11-24T10:00:00Z");
    private final Map<FarmId, Farm> farms = new LinkedHashMap<>();
    private final TreeMap<NodeId, Node> nodes = new TreeMap<>();
    private final Map<String, TwinId> twins = new HashMap<>();
    private final Map<TwinId, String> keys = new HashMap<>();
    private final Map<TwinId, Tft> balances = new HashMap<>();
    private final Map<ContractId, Contract> contracts = new LinkedHashMap<>();
    private final Map<ContractId, Integer> pollsUntilDeployed = new HashMap<>();
    private final Map<NodeId, GridException.Kind> refusing = new HashMap<>();
    private final Set<NodeId> dieAfterReserve = new HashSet<>();
    private final Map<Op, Integer> crashBefore = new EnumMap<>(Op.class);
    private final Map<Op, Integer> crashAfter = new EnumMap<>(Op.class);
    private final Map<Op, Integer> calls = new EnumMap<>(Op.class);
    private long nextContract = 100;
    private long nextTwin = 7;
    private int deployPolls;
    private Runnable beforeCancel = () -> { };
    private Tft startingFunds = Tft.of(1_000_000);

    FakeGrid(String network) {
        this.network = network;
    }

    // ---- building the world ----

    synchronized Farm farm(long id, String name) {
        Farm farm = new Farm(new FarmId(id), name, new TwinId(1000 + id), false);
        farms.put(farm.id(), farm);
        return farm;
    }

    /** A node offering zdb, up and healthy, with {@code hddGib} GiB of HDD and nothing used. */
    synchronized Node node(long id, long farmId, String country, long hddGib) {
        Farm farm = farms.computeIfAbsent(new FarmId(farmId), f -> new Farm(f, "farm" + farmId, new TwinId(1000 + farmId),
                false));
        Node node = new Node(new NodeId(id), farm.id(), farm.name(), new TwinId(5000 + id), country, "City",
                NodeStatus.UP, true, new Resources(8, 32 * ByteSize.GIB, 512 * ByteSize.GIB, hddGib * ByteSize.GIB),
                Resources.NONE, 40L * 86_400, now, false, new BigDecimal("1.00"), List.of("zdb", "zmachine"));
        nodes.put(node.id(), node);
        return node;
    }

    synchronized void put(Node node) {
        nodes.put(node.id(), node);
    }

    synchronized void setStatus(NodeId id, NodeStatus status) {
        Node n = nodes.get(id);
        nodes.put(id, new Node(n.id(), n.farmId(), n.farmName(), n.twinId(), n.country(), n.city(), status, n.healthy(),
                n.total(), n.used(), n.uptimeSeconds(), n.updatedAt(), n.certified(), n.priceUsd(), n.features()));
    }

    synchronized void removeNode(NodeId id) {
        nodes.remove(id);
    }

    synchronized void setBalance(TwinId twin, Tft amount) {
        balances.put(twin, amount);
    }

    synchronized void setStartingFunds(Tft amount) {
        startingFunds = amount;
    }

    synchronized void advance(Duration d) {
        now = now.plus(d);
    }

    // ---- injecting failures ----

    /** The node refuses every new deployment with this kind of error (until {@link #accept}). */
    synchronized void refuse(NodeId node, GridException.Kind kind) {
        refusing.put(node, kind);
    }

    synchronized void accept(NodeId node) {
        refusing.remove(node);
    }

    /** The node goes down right after a contract on it is made: the namespace is never deployed. */
    synchronized void dieAfterReserve(NodeId node) {
        dieAfterReserve.add(node);
    }

    /** Endpoints appear only after this many polls of each new contract. */
    synchronized void deployAfterPolls(int polls) {
        deployPolls = polls;
    }

    /** Every namespace not deployed yet answers from now on. */
    synchronized void deployAllNow() {
        pollsUntilDeployed.replaceAll((id, polls) -> 0);
    }

    /** The {@code nth} (1-based) call of {@code op} from now crashes before it changes anything. */
    synchronized void crashBefore(Op op, int nth) {
        crashBefore.put(op, calls.getOrDefault(op, 0) + nth);
    }

    /** The {@code nth} call of {@code op} from now crashes right after it changed the grid. */
    synchronized void crashAfter(Op op, int nth) {
        crashAfter.put(op, calls.getOrDefault(op, 0) + nth);
    }

    synchronized void clearCrashes() {
        crashBefore.clear();
        crashAfter.clear();
    }

    /** Runs before every cancellation takes effect (to check invariants at that moment). */
    synchronized void beforeCancel(Runnable check) {
        beforeCancel = check;
    }

    /** Deletes a contract outside qsctl (out of funds, cancelled by hand). */
    synchronized void deleteOutside(ContractId id) {
        Contract c = contracts.get(id);
        contracts.put(id, with(c, ContractState.DELETED, c.deploymentHash(), c.size()));
        release(c);
    }

    synchronized void graceOutside(ContractId id) {
        Contract c = contracts.get(id);
        contracts.put(id, new Contract(c.id(), c.twin(), c.node(), ContractState.GRACE, c.deploymentHash(),
                c.deploymentData(), c.size(), c.created(), Optional.of(now)));
    }

    // ---- inspecting ----

    synchronized List<Contract> liveContracts() {
        return contracts.values().stream().filter(c -> c.state() != ContractState.DELETED).toList();
    }

    synchronized List<Contract> allContracts() {
        return List.copyOf(contracts.values());
    }

    synchronized int calls(Op op) {
        return calls.getOrDefault(op, 0);
    }

    // ---- the Grid ----

    @Override
    public GridInfo info() {
        return new GridInfo(network, "memory:fake");
    }

    @Override
    public synchronized Instant now() {
        return now;
    }

    @Override
    public synchronized NodePage nodes(NodeQuery query) {
        List<Node> matching = new ArrayList<>();
        for (Node n : nodes.values()) {
            if (query.matches(n)) {
                matching.add(n);
            }
        }
        int from = Math.min(matching.size(), (query.page() - 1) * query.size());
        int to = Math.min(matching.size(), from + query.size());
        return new NodePage(matching.subList(from, to), matching.size());
    }

    @Override
    public synchronized Optional<Node> node(NodeId id) {
        return Optional.ofNullable(nodes.get(id));
    }

    @Override
    public synchronized List<Farm> farms() {
        return List.copyOf(farms.values());
    }

    @Override
    public synchronized Optional<TwinId> twin(String publicKeyHex) {
        return Optional.ofNullable(twins.get(publicKeyHex));
    }

    @Override
    public synchronized TwinId createTwin(String publicKeyHex) {
        return twins.computeIfAbsent(publicKeyHex, k -> {
            TwinId t = new TwinId(nextTwin++);
            keys.put(t, k);
            balances.put(t, startingFunds);
            return t;
        });
    }

    @Override
    public synchronized Tft balance(TwinId twin) {
        return balances.getOrDefault(twin, Tft.ZERO);
    }

    @Override
    public synchronized PriceQuote quote(List<BackendSpec> backends) {
        List<PriceQuote.Line> lines = new ArrayList<>();
        Tft total = Tft.ZERO;
        for (BackendSpec b : backends) {
            Tft hourly = hourly(b.size());
            lines.add(new PriceQuote.Line(b.name(), b.node(), b.size(), hourly));
            total = total.plus(hourly);
        }
        return new PriceQuote(lines, total, now.plus(Duration.ofHours(1)));
    }

    /** 0.0001 TFT per GiB and hour. */
    static Tft hourly(long size) {
        return new Tft(((size + ByteSize.GIB - 1) / ByteSize.GIB) * 1000);
    }

    @Override
    public synchronized List<Contract> contracts(TwinId twin) {
        return contracts.values().stream().filter(c -> c.twin().equals(twin) && c.state() != ContractState.DELETED)
                .toList();
    }

    @Override
    public synchronized Optional<Contract> contract(ContractId id) {
        return Optional.ofNullable(contracts.get(id));
    }

    @Override
    public synchronized Optional<ZdbEndpoint> endpoint(ContractId id) {
        Contract c = contracts.get(id);
        if (c == null || c.state() == ContractState.DELETED) {
            return Optional.empty();
        }
        Node n = nodes.get(c.node());
        if (n == null || n.status() != NodeStatus.UP) {
            return Optional.empty();
        }
        int left = pollsUntilDeployed.getOrDefault(id, 0);
        if (left > 0) {
            pollsUntilDeployed.put(id, left - 1);
            return Optional.empty();
        }
        String name = Refresher.label(c).orElse("zdb");
        return Optional.of(new ZdbEndpoint(id, c.twin() + "-" + id + "-" + name,
                List.of("fd00::" + Long.toHexString(c.node().value())), 9900));
    }

    @Override
    public synchronized List<Contract> reserve(ReservationBatch batch, Signed signature) {
        enter(Op.RESERVE);
        verify(batch.twin(), batch.signingPayload(), signature);
        if (!batch.network().equals(network)) {
            throw new GridException(GridException.Kind.INVALID, "batch for network " + batch.network());
        }
        List<Contract> out = new ArrayList<>();
        for (Deployment d : batch.deployments()) {
            out.add(reserveOne(batch.twin(), d));
        }
        leave(Op.RESERVE);
        return out;
    }

    private Contract reserveOne(TwinId twin, Deployment d) {
        for (Contract c : contracts.values()) {
            if (c.node().equals(d.backend().node()) && c.deploymentHash().equals(d.hash())
                    && c.state() != ContractState.DELETED) {
                return c;
            }
        }
        Node n = nodes.get(d.backend().node());
        if (n == null) {
            throw new GridException(GridException.Kind.NOT_FOUND, "node " + d.backend().node() + " does not exist");
        }
        if (refusing.containsKey(n.id())) {
            throw new GridException(refusing.get(n.id()), "node " + n.id() + " refused deployment " + d.backend().name());
        }
        if (n.status() == NodeStatus.DOWN) {
            throw new GridException(GridException.Kind.NODE_UNREACHABLE, "node " + n.id() + " does not answer");
        }
        if (n.status() != NodeStatus.UP || n.freeHru() < d.backend().size() || !n.supports("zdb")) {
            throw new GridException(GridException.Kind.NODE_REFUSED, "node " + n.id() + " cannot take "
                    + d.backend().size() + " bytes");
        }
        Tft running = hourly(d.backend().size());
        for (Contract c : contracts(twin)) {
            running = running.plus(hourly(c.size()));
        }
        if (balance(twin).compareTo(running) < 0) {
            throw new GridException(GridException.Kind.INSUFFICIENT_FUNDS, "twin " + twin + " has " + balance(twin)
                    + ", not the " + running + " an hour of its contracts needs");
        }
        Contract c = new Contract(new ContractId(nextContract++), twin, n.id(), ContractState.CREATED, d.hash(),
                d.metadata(), d.backend().size(), now, Optional.empty());
        contracts.put(c.id(), c);
        pollsUntilDeployed.put(c.id(), deployPolls);
        use(n.id(), d.backend().size());
        if (dieAfterReserve.remove(n.id())) {
            setStatus(n.id(), NodeStatus.DOWN);
        }
        return c;
    }

    @Override
    public synchronized Contract grow(ContractId id, Deployment updated, Signed signature) {
        enter(Op.GROW);
        Contract c = contracts.get(id);
        if (c == null || c.state() == ContractState.DELETED) {
            throw new GridException(GridException.Kind.CONFLICT, "contract " + id + " is not live");
        }
        verify(c.twin(), Signed.updatePayload(network, c.twin(), id, updated.hash(), updated.backend().size()), signature);
        if (!c.deploymentHash().equals(updated.hash())) {
            long delta = updated.backend().size() - c.size();
            if (delta < 0) {
                throw new GridException(GridException.Kind.INVALID, "a namespace cannot shrink");
            }
            Node n = nodes.get(c.node());
            if (refusing.containsKey(n.id())) {
                throw new GridException(refusing.get(n.id()), "node " + n.id() + " refused the update");
            }
            if (n.freeHru() < delta) {
                throw new GridException(GridException.Kind.NODE_REFUSED, "node " + n.id() + " has no room to grow");
            }
            use(n.id(), delta);
            c = with(c, c.state(), updated.hash(), updated.backend().size());
            contracts.put(id, c);
        }
        leave(Op.GROW);
        return c;
    }

    @Override
    public synchronized void cancel(ContractId id, Signed signature) {
        enter(Op.CANCEL);
        Contract c = contracts.get(id);
        if (c == null) {
            throw new GridException(GridException.Kind.NOT_FOUND, "no contract " + id);
        }
        verify(c.twin(), Signed.cancelPayload(network, c.twin(), id), signature);
        if (c.state() != ContractState.DELETED) {
            beforeCancel.run();
            contracts.put(id, with(c, ContractState.DELETED, c.deploymentHash(), c.size()));
            release(c);
        }
        leave(Op.CANCEL);
    }

    @Override
    public void close() {
    }

    // ---- internals ----

    private void enter(Op op) {
        int n = calls.merge(op, 1, Integer::sum);
        if (crashBefore.getOrDefault(op, -1) == n) {
            crashBefore.remove(op);
            throw new SimulatedCrash("before " + op + " #" + n);
        }
    }

    private void leave(Op op) {
        int n = calls.get(op);
        if (crashAfter.getOrDefault(op, -1) == n) {
            crashAfter.remove(op);
            throw new SimulatedCrash("after " + op + " #" + n);
        }
    }

    private void verify(TwinId twin, byte[] payload, Signed signature) {
        String key = keys.get(twin);
        if (key == null) {
            throw new GridException(GridException.Kind.NOT_FOUND, "no twin " + twin);
        }
        if (!java.util.Arrays.equals(payload, signature.payload())) {
            throw new GridException(GridException.Kind.BAD_SIGNATURE, "the signed payload is not the request's");
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, new Ed25519PublicKeyParameters(HexFormat.of().parseHex(key), 0));
        verifier.update(payload, 0, payload.length);
        if (!verifier.verifySignature(signature.signature())) {
            throw new GridException(GridException.Kind.BAD_SIGNATURE, "bad signature for twin " + twin);
        }
    }

    private void use(NodeId id, long bytes) {
        Node n = nodes.get(id);
        Resources used = n.used().plus(new Resources(0, 0, 0, bytes));
        nodes.put(id, new Node(n.id(), n.farmId(), n.farmName(), n.twinId(), n.country(), n.city(), n.status(),
                n.healthy(), n.total(), used, n.uptimeSeconds(), n.updatedAt(), n.certified(), n.priceUsd(),
                n.features()));
    }

    private void release(Contract c) {
        Node n = nodes.get(c.node());
        if (n != null) {
            Resources used = new Resources(n.used().cru(), n.used().mru(), n.used().sru(),
                    Math.max(0, n.used().hru() - c.size()));
            nodes.put(n.id(), new Node(n.id(), n.farmId(), n.farmName(), n.twinId(), n.country(), n.city(), n.status(),
                    n.healthy(), n.total(), used, n.uptimeSeconds(), n.updatedAt(), n.certified(), n.priceUsd(),
                    n.features()));
        }
    }

    private static Contract with(Contract c, ContractState state, String hash, long size) {
        return new Contract(c.id(), c.twin(), c.node(), state, hash, c.deploymentData(), size, c.created(),
                c.graceSince());
    }
}
