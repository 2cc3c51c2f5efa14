package io.qsctl.provider.local;

import io.qsctl.provider.ContractId;
import io.qsctl.provider.GridException;
import io.qsctl.provider.GridException.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything the embedded grid knows: farms, nodes, twins and their balances, contracts, and
 * where its clock stood. Records are immutable; the world swaps them as things change. Not
 * thread-safe: {@link EmbeddedGrid} guards it.
 */
final class World {

    /** The saved form, as {@code world.json} holds it. */
    record State(int version, long seed, Instant clockReal, Instant clockGrid, long nextTwin, long nextContract,
                 List<FarmRecord> farms, List<NodeRecord> nodes, List<TwinRecord> twins, List<ContractRecord> contracts) {
        static final int VERSION = 1;
    }

    private final long seed;
    private final Map<Long, FarmRecord> farms = new TreeMap<>();
    private final Map<Long, NodeRecord> nodes = new TreeMap<>();
    private final Map<Long, TwinRecord> twins = new TreeMap<>();
    private final Map<Long, ContractRecord> contracts = new TreeMap<>();
    private long nextTwin;
    private long nextContract;

    World(long seed, long nextTwin, long nextContract) {
        this.seed = seed;
        this.nextTwin = nextTwin;
        this.nextContract = nextContract;
    }

    static World of(State state) {
        World world = new World(state.seed(), state.nextTwin(), state.nextContract());
        state.farms().forEach(world::put);
        state.nodes().forEach(world::put);
        state.twins().forEach(world::put);
        state.contracts().forEach(world::put);
        return world;
    }

    State state(GridClock.Reading clock) {
        return new State(State.VERSION, seed, clock.real(), clock.grid(), nextTwin, nextContract,
                new ArrayList<>(farms.values()), new ArrayList<>(nodes.values()), new ArrayList<>(twins.values()),
                new ArrayList<>(contracts.values()));
    }

    long seed() {
        return seed;
    }

    long newTwinId() {
        return nextTwin++;
    }

    long newContractId() {
        return nextContract++;
    }

    void put(FarmRecord farm) {
        farms.put(farm.id(), farm);
    }

    void put(NodeRecord node) {
        nodes.put(node.id(), node);
    }

    void put(TwinRecord twin) {
        twins.put(twin.id(), twin);
    }

    void put(ContractRecord contract) {
        contracts.put(contract.id(), contract);
    }

    Collection<FarmRecord> farms() {
        return farms.values();
    }

    Collection<NodeRecord> nodes() {
        return nodes.values();
    }

    Collection<TwinRecord> twins() {
        return twins.values();
    }

    Collection<ContractRecord> contracts() {
        return contracts.values();
    }

    Optional<FarmRecord> farm(long id) {
        return Optional.ofNullable(farms.get(id));
    }

    Optional<NodeRecord> node(long id) {
        return Optional.ofNullable(nodes.get(id));
    }

    Optional<TwinRecord> twin(long id) {
        return Optional.ofNullable(twins.get(id));
    }

    Optional<TwinRecord> twinByKey(String publicKeyHex) {
        return twins.values().stream().filter(t -> t.publicKey().equalsIgnoreCase(publicKeyHex)).findFirst();
    }

    Optional<ContractRecord> contract(long id) {
        return Optional.ofNullable(contracts.get(id));
    }

    /** The twin, or the grid's answer to a request that names none. */
    TwinRecord requireTwin(long id) {
        return twin(id).orElseThrow(() -> new GridException(Kind.NOT_FOUND, "twin " + id + " does not exist"));
    }

    /** The node, or the grid's answer to a request that names none, with the range of ids there are. */
    NodeRecord requireNode(long id) {
        return node(id).orElseThrow(() -> new GridException(Kind.NOT_FOUND, "node " + id + " does not exist"
                + nodeRange()));
    }

    /** " (the nodes are 1 to 36)", for a node id that names none. */
    private String nodeRange() {
        if (nodes.isEmpty()) {
            return " (the grid has no nodes)";
        }
        long first = nodes.values().iterator().next().id();
        long last = nodes.values().stream().mapToLong(NodeRecord::id).max().orElse(first);
        return " (the nodes are " + first + " to " + last + ")";
    }

    /** The contract, which must exist and be live. */
    ContractRecord requireLiveContract(ContractId id) {
        ContractRecord contract = contract(id.value()).orElseThrow(
                () -> new GridException(Kind.NOT_FOUND, "contract " + id + " does not exist"));
        if (!contract.live()) {
            throw new GridException(Kind.CONFLICT, "contract " + id + " is deleted");
        }
        return contract;
    }

    /** HDD reserved on a node: the sizes of its live contracts (the grid proxy's {@code used_resources.hru}). */
    long usedHru(long node) {
        long used = 0;
        for (ContractRecord c : contracts.values()) {
            if (c.node() == node && c.live()) {
                used += c.size();
            }
        }
        return used;
    }

    boolean certified(NodeRecord node) {
        return farm(node.farm()).map(FarmRecord::certified).orElse(false);
    }
}
