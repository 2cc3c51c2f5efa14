package io.qsctl.provider.local;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    private NodeAgreement() {
    }

    /** Removes what the saved ledger does not call live; returns what it removed and why, a sentence each. */
    static List<String> restore(World world, NodeFleet fleet) {
        Map<String, ContractRecord> byNamespace = new HashMap<>();
        for (ContractRecord c : world.contracts()) {
            byNamespace.put(c.namespace(), c);
        }
        List<String> done = new ArrayList<>();
        for (NodeRecord node : world.nodes()) {
            for (String namespace : fleet.namespaces(node.id())) {
                ContractRecord owner = byNamespace.get(namespace);
                if (owner != null && owner.node() == node.id() && owner.live()) {
                    continue;
                }
                fleet.remove(node.id(), namespace);
                if (owner != null && owner.node() == node.id()) {
                    done.add("node " + node.id() + ": removed namespace " + namespace + " of contract " + owner.id()
                            + ", deleted at " + owner.deletedAt() + " (" + owner.deletedWhy() + "); the grid had stopped "
                            + "before its files were removed");
                } else {
                    done.add("node " + node.id() + ": removed namespace " + namespace + ", which no contract owns (a "
                            + "deployment the grid had not recorded when it stopped)");
                }
            }
        }
        return done;
    }
}
