package io.qsctl.provider.local;

import io.qsctl.common.Sizes;
import io.qsctl.provider.BackendSpec;
import io.qsctl.provider.Contract;
import io.qsctl.provider.ContractId;
import io.qsctl.provider.Deployment;
import io.qsctl.provider.GridException;
import io.qsctl.provider.GridException.Kind;
import io.qsctl.provider.ReservationBatch;
import io.qsctl.provider.Signed;
import io.qsctl.provider.Tft;
import io.qsctl.provider.ZdbMode;
import io.qsctl.zdb.engine.ZdbError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The embedded grid's signed actions on contracts: a batch of reservations deployed onto the
 * nodes, a contract grown, a contract cancelled. Each is checked as the chain and the node would
 * check it (signature, network, twin, node status, free space, funds, mode) before anything is
 * made. Not thread-safe: {@link EmbeddedGrid} calls it under its lock, with the ledger billed up
 * to {@code now}.
 */
final class Deployer {

    private final World world;
    private final NodeFleet fleet;
    private final Ledger ledger;
    /** Saves the world, and only then removes the namespaces of contracts it deleted (the grid's persist). */
    private final Runnable save;

    Deployer(World world, NodeFleet fleet, Ledger ledger, Runnable save) {
        this.world = world;
        this.fleet = fleet;
        this.ledger = ledger;
        this.save = save;
    }

    /**
     * Deploys a batch: every deployment is checked against the signed payload first, then each is
     * made in turn; one that is already live (same node and hash) is returned as it is. What was
     * made before a deployment is refused stays made, and is saved.
     */
    List<Contract> reserve(ReservationBatch batch, Signed signature, Instant now) {
        if (!SignedPayloads.NETWORK.equals(batch.network())) {
            throw new GridException(Kind.INVALID, "the batch is for network '" + batch.network() + "', this is the '"
                    + SignedPayloads.NETWORK + "' grid");
        }
        TwinRecord twin = world.requireTwin(batch.twin().value());
        JsonNode payload = SignedPayloads.verified(twin, signature);
        Set<String> signed = SignedPayloads.deployments(payload);
        for (Deployment d : batch.deployments()) {
            if (d.twin().value() != twin.id()) {
                throw new GridException(Kind.INVALID, "deployment " + d.backend().name() + " belongs to twin "
                        + d.twin() + ", the batch to twin " + twin.id());
            }
            if (!signed.contains(d.backend().node().value() + ":" + d.hash())) {
                throw new GridException(Kind.BAD_SIGNATURE, "deployment " + d.backend().name() + " (node "
                        + d.backend().node() + ", hash " + d.hash() + ") is not in the signed payload");
            }
        }
        List<Contract> out = new ArrayList<>();
        long committed = 0;
        try {
            for (Deployment d : batch.deployments()) {
                Optional<ContractRecord> existing = live(d.backend().node().value(), d.hash());
                if (existing.isPresent()) {
                    out.add(existing.get().toContract());
                    continue;
                }
                ContractRecord created = deploy(twin.id(), d, now, committed);
                committed += ledger.hourly(created).units();
                out.add(created.toContract());
            }
        } finally {
            save.run();
        }
        return out;
    }

    private Optional<ContractRecord> live(long node, String hash) {
        return world.contracts().stream().filter(c -> c.live() && c.node() == node && c.deploymentHash().equals(hash))
                .findFirst();
    }

    /** One deployment, checked as the chain and the node check it, then made. */
    private ContractRecord deploy(long twinId, Deployment d, Instant now, long alreadyCommitted) {
        BackendSpec backend = d.backend();
        String where = "deployment " + backend.name() + " on node " + backend.node() + ": ";
        NodeRecord node = world.node(backend.node().value()).orElseThrow(
                () -> new GridException(Kind.NOT_FOUND, where + "node " + backend.node() + " does not exist"));
        switch (node.status()) {
            case "down" -> throw new GridException(Kind.NODE_UNREACHABLE, where + "node " + node.id()
                    + " is down and did not answer");
            case "standby" -> throw new GridException(Kind.NODE_REFUSED, where + "node " + node.id()
                    + " is in standby; the chain refuses contracts on it until it is up");
            default -> {
            }
        }
        long free = node.hru() - world.usedHru(node.id());
        if (free < backend.size()) {
            throw new GridException(Kind.NODE_REFUSED, where + "node " + node.id() + " has " + Sizes.upToTwoDecimals(Math.max(0, free))
                    + " free, the backend needs " + Sizes.upToTwoDecimals(backend.size()));
        }
        Tft firstHour = ledger.hourly(node, backend.size());
        long balance = world.requireTwin(twinId).balance() - alreadyCommitted;
        if (balance < firstHour.units()) {
            throw new GridException(Kind.INSUFFICIENT_FUNDS, where + "twin " + twinId + " has "
                    + new Tft(Math.max(0, balance)) + (alreadyCommitted > 0 ? " left for it" : "")
                    + ", the backend costs " + firstHour + " for its first hour");
        }
        long id = world.newContractId();
        String namespace = twinId + "-" + id + "-" + backend.name();
        try {
            fleet.create(node.id(), namespace, d.password(), backend.mode(), backend.size());
        } catch (ZdbError e) {
            throw new GridException(Kind.NODE_REFUSED, where + "the node's zdb refused namespace " + namespace + ": "
                    + e.getMessage());
        }
        CrashPoint.DEPLOYMENT_UNSAVED.reach();
        ContractRecord contract = ContractRecord.created(id, twinId, node.id(), d.hash(), d.metadata(), backend.size(),
                namespace, now);
        world.put(contract);
        return contract;
    }

    /** Grows a live contract to the updated deployment's size (same twin, node and mode; never smaller); saved. */
    Contract grow(ContractId contractId, Deployment updated, Signed signature) {
        ContractRecord contract = world.requireLiveContract(contractId);
        TwinRecord twin = world.requireTwin(contract.twin());
        JsonNode payload = SignedPayloads.verified(twin, signature);
        SignedPayloads.requireField(payload, "update", contract.id(), "name contract " + contract.id());
        SignedPayloads.requireField(payload, "hash", updated.hash(), "carry the updated deployment's hash");
        SignedPayloads.requireField(payload, "size", updated.backend().size(), "carry the updated size");
        if (updated.twin().value() != contract.twin() || updated.backend().node().value() != contract.node()) {
            throw new GridException(Kind.INVALID, "an update keeps the contract's twin and node (contract "
                    + contract.id() + " is twin " + contract.twin() + " on node " + contract.node() + ")");
        }
        if (contract.deploymentHash().equals(updated.hash())) {
            return contract.toContract();
        }
        long newSize = updated.backend().size();
        String where = "update of contract " + contract.id() + " on node " + contract.node() + ": ";
        if (newSize < contract.size()) {
            throw new GridException(Kind.NODE_REFUSED, where + "a zdb namespace never shrinks (it has "
                    + Sizes.upToTwoDecimals(contract.size()) + ", the update asks " + Sizes.upToTwoDecimals(newSize) + ")");
        }
        NodeRecord node = world.requireNode(contract.node());
        if (!node.up()) {
            throw new GridException(Kind.NODE_UNREACHABLE, where + "node " + node.id() + " is " + node.status());
        }
        Optional<ZdbMode> mode = fleet.mode(node.id(), contract.namespace());
        if (mode.isPresent() && mode.get() != updated.backend().mode()) {
            throw new GridException(Kind.NODE_REFUSED, where + "the mode of a zdb namespace cannot change (it is "
                    + mode.get().id() + ")");
        }
        long free = node.hru() - world.usedHru(node.id());
        if (free < newSize - contract.size()) {
            throw new GridException(Kind.NODE_REFUSED, where + "node " + node.id() + " has " + Sizes.upToTwoDecimals(Math.max(0, free))
                    + " free, growing to " + Sizes.upToTwoDecimals(newSize) + " needs " + Sizes.upToTwoDecimals(newSize - contract.size())
                    + " more");
        }
        fleet.update(node.id(), contract.namespace(), updated.password(), newSize);
        ContractRecord grown = contract.updated(updated.hash(), updated.metadata(), newSize);
        world.put(grown);
        save.run();
        return grown.toContract();
    }

    /** Cancels a contract (nothing to do when it is deleted already); saved. */
    void cancel(ContractId contractId, Signed signature, Instant now) {
        ContractRecord contract = world.contract(contractId.value()).orElseThrow(
                () -> new GridException(Kind.NOT_FOUND, "contract " + contractId + " does not exist"));
        TwinRecord twin = world.requireTwin(contract.twin());
        JsonNode payload = SignedPayloads.verified(twin, signature);
        SignedPayloads.requireField(payload, "cancel", contract.id(), "name contract " + contract.id());
        if (!contract.live()) {
            return;
        }
        ledger.cancel(contract, now);
        save.run();
    }
}
