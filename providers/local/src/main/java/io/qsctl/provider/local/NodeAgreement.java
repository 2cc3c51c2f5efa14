package io.qsctl.provider.local;

import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the nodes' files in line with the saved ledger when the grid starts, finishing what a
 * crash interrupted. The saved ledger is the truth:
 *
 * <ul>
 *   <li>a namespace whose contract the ledger calls deleted is removed: the deletion was recorded
 *       and saved, and the grid died before the files went ({@link DeletionsAfterSave});</li>
 *   <li>a namespace no contract in the ledger owns is removed: a deployment made it and the grid
 *       died before the ledger that records the contract was saved (the contract id will be
 *       handed out again, and must find its namespace name free);</li>
 *   <li>a namespace of a live contract is never touched. A live contract without its namespace
 *       is a lost disk ({@code grid node wipe}), which stays as it is.</li>
 * </ul>
 */
final class NodeAgreement {

    private static final Logger LOG = LoggerFactory.getLogger(NodeAgreement.class);

    /** What was removed, for the log and for tests. */
    record Result(int deletionsFinished, int orphansRemoved) {
    }

    private NodeAgreement() {
    }

    static Result restore(World world, NodeFleet fleet) {
        Map<String, ContractRecord> byNamespace = new HashMap<>();
        for (ContractRecord c : world.contracts()) {
            byNamespace.put(c.namespace(), c);
        }
        int finished = 0;
        int orphans = 0;
        for (NodeRecord node : world.nodes()) {
            for (String namespace : fleet.namespaces(node.id())) {
                ContractRecord owner = byNamespace.get(namespace);
                if (owner != null && owner.node() == node.id() && owner.live()) {
                    continue;
                }
                if (owner != null && owner.node() == node.id()) {
                    LOG.info("node {}: removing namespace {} of contract {}, deleted at {} ({}); the grid stopped "
                            + "before its files were removed", node.id(), namespace, owner.id(), owner.deletedAt(),
                            owner.deletedWhy());
                    finished++;
                } else {
                    LOG.info("node {}: removing namespace {}, which no contract owns (a deployment the grid did not "
                            + "record before it stopped)", node.id(), namespace);
                    orphans++;
                }
                fleet.remove(node.id(), namespace);
            }
        }
        return new Result(finished, orphans);
    }
}
