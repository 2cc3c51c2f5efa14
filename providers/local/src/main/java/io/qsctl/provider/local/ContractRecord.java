package io.qsctl.provider.local;

import io.qsctl.provider.Contract;
import io.qsctl.provider.ContractId;
import io.qsctl.provider.ContractState;
import io.qsctl.provider.NodeId;
import io.qsctl.provider.TwinId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A node contract as the embedded grid's ledger keeps it. The namespace password is not here: as
 * on a real node, only the node's zdb namespace descriptor holds it.
 *
 * @param billedUntil  the contract is paid up to this grid time; it is billed again an hour later
 * @param graceSince   when it went into grace (null unless in grace)
 * @param debt         what it owes from its grace period, in 10^-7 TFT
 * @param deletedAt    when it was deleted (null while live)
 * @param deletedWhy   {@code CanceledByUser} or {@code OutOfFunds}, as TFChain says (null while live)
 */
record ContractRecord(long id, long twin, long node, ContractState state, String deploymentHash, String deploymentData,
                      long size, String namespace, Instant created, Instant billedUntil, Instant graceSince, long debt,
                      Instant deletedAt, String deletedWhy) {

    static final String CANCELED_BY_USER = "CanceledByUser";
    static final String OUT_OF_FUNDS = "OutOfFunds";

    ContractRecord {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(deploymentHash, "deploymentHash");
        Objects.requireNonNull(deploymentData, "deploymentData");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(billedUntil, "billedUntil");
    }

    static ContractRecord created(long id, long twin, long node, String hash, String data, long size, String namespace,
                                  Instant now) {
        return new ContractRecord(id, twin, node, ContractState.CREATED, hash, data, size, namespace, now, now, null, 0,
                null, null);
    }

    boolean live() {
        return state != ContractState.DELETED;
    }

    ContractRecord billed(Instant until) {
        return new ContractRecord(id, twin, node, state, deploymentHash, deploymentData, size, namespace, created, until,
                graceSince, debt, deletedAt, deletedWhy);
    }

    ContractRecord inGrace(Instant since, long newDebt) {
        return new ContractRecord(id, twin, node, ContractState.GRACE, deploymentHash, deploymentData, size, namespace,
                created, billedUntil, since, newDebt, null, null);
    }

    ContractRecord owing(long newDebt) {
        return new ContractRecord(id, twin, node, state, deploymentHash, deploymentData, size, namespace, created,
                billedUntil, graceSince, newDebt, deletedAt, deletedWhy);
    }

    ContractRecord settled() {
        return new ContractRecord(id, twin, node, ContractState.CREATED, deploymentHash, deploymentData, size, namespace,
                created, billedUntil, null, 0, null, null);
    }

    ContractRecord deleted(Instant at, String why) {
        return new ContractRecord(id, twin, node, ContractState.DELETED, deploymentHash, deploymentData, size, namespace,
                created, billedUntil, graceSince, debt, at, why);
    }

    ContractRecord updated(String newHash, String newData, long newSize) {
        return new ContractRecord(id, twin, node, state, newHash, newData, newSize, namespace, created, billedUntil,
                graceSince, debt, deletedAt, deletedWhy);
    }

    Contract toContract() {
        return new Contract(new ContractId(id), new TwinId(twin), new NodeId(node), state, deploymentHash, deploymentData,
                size, created, Optional.ofNullable(graceSince));
    }
}
