package io.qsctl.provider.local;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the ledger asks of the nodes, in the order that keeps the ledger and the nodes' files in
 * agreement whenever the grid dies: a deleted contract's namespace is removed only after the
 * ledger that records the deletion is saved. A crash before the save leaves the contract live in
 * the saved ledger with its files intact; a crash after it leaves a recorded deletion that the
 * next start finishes ({@link NodeAgreement}). Locks are applied at once: 0-db keeps them in memory
 * only, and every start applies them again from the saved ledger.
 */
final class DeletionsAfterSave implements NodeActions {

    private static final Logger LOG = LoggerFactory.getLogger(DeletionsAfterSave.class);

    private final NodeFleet fleet;
    private final List<ContractRecord> pending = new ArrayList<>();

    DeletionsAfterSave(NodeFleet fleet) {
        this.fleet = fleet;
    }

    @Override
    public void lock(ContractRecord contract) {
        fleet.lock(contract);
    }

    @Override
    public void unlock(ContractRecord contract) {
        fleet.unlock(contract);
    }

    @Override
    public void delete(ContractRecord contract) {
        pending.add(contract);
        CrashPoint.DELETION_UNSAVED.reach();
    }

    /** Whether a deleted contract's namespace waits for the ledger to be saved. */
    boolean pending() {
        return !pending.isEmpty();
    }

    /**
     * The ledger is saved: removes the namespaces of the contracts it deleted. One that cannot be
     * removed now stays pending for the next save, and the next start removes it in any case.
     */
    void saved() {
        if (pending.isEmpty()) {
            return;
        }
        CrashPoint.DELETION_SAVED.reach();
        for (Iterator<ContractRecord> it = pending.iterator(); it.hasNext(); ) {
            ContractRecord contract = it.next();
            try {
                fleet.remove(contract.node(), contract.namespace());
                it.remove();
            } catch (RuntimeException e) {
                LOG.warn("node {}: cannot remove namespace {} of deleted contract {} yet: {}", contract.node(),
                        contract.namespace(), contract.id(), e.toString());
            }
        }
    }
}
