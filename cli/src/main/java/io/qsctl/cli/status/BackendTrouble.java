package io.qsctl.cli.status;

import io.qsctl.cli.cluster.ClusterSession;
import io.qsctl.cli.cluster.ClusterView;
import io.qsctl.cli.cluster.Remedies;
import io.qsctl.provider.ContractState;
import io.qsctl.provider.GridException;
import io.qsctl.provider.NodeStatus;
import io.qsctl.provider.local.LocalGridLauncher;
import io.qsctl.reconciler.api.ObservedBackend;
import io.qsctl.spec.Network;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Why backends refused: asked when a put or a repair could not use some backends, so that the
 * message names the cause (the embedded grid stopped, a node down, a namespace gone, a full or
 * read-only namespace) and the command that fixes it, instead of "when the backends are back".
 * Backends in the same trouble share one phrase: {@code lost: data-00 (node 19 is down), data-02
 * (its namespace is gone from node 4): `qsctl apply -f storage.yaml` replaces them}.
 */
public final class BackendTrouble {

    private BackendTrouble() {
    }

    /**
     * One phrase per kind of trouble among the backends of {@code names} (all when empty) that
     * are not healthy now, each ending with what to run; a single phrase when the embedded grid
     * itself is not running. Empty when every one is healthy.
     */
    public static List<String> explain(ClusterSession session, Set<String> names) {
        Remedies remedies = Remedies.of(session);
        boolean local = session.spec().spec().network() == Network.LOCAL;
        if (local && !LocalGridLauncher.status(session.gridHome()).running()) {
            return List.of(gridDown(session));
        }
        ClusterView view;
        try {
            view = ClusterView.probing(session);
        } catch (GridException e) {
            if (local && !LocalGridLauncher.status(session.gridHome()).running()) {
                return List.of(gridDown(session));
            }
            throw e;
        }
        Map<BackendCheck.State, List<String>> byState = new LinkedHashMap<>();
        boolean nodesDown = false;
        for (ObservedBackend o : view.observation().backends()) {
            if (!names.isEmpty() && !names.contains(o.record().name())) {
                continue;
            }
            BackendCheck check = StatusAssessment.check(o, view.observation().drift());
            if (check.state() == BackendCheck.State.HEALTHY || check.state() == BackendCheck.State.RETIRING) {
                continue;
            }
            nodesDown |= o.node().map(n -> n.status() == NodeStatus.DOWN).orElse(false);
            byState.computeIfAbsent(check.state(), s -> new ArrayList<>()).add(o.record().name() + " (" + cause(o, check)
                    + ")");
        }
        List<String> out = new ArrayList<>();
        for (Map.Entry<BackendCheck.State, List<String>> e : byState.entrySet()) {
            List<String> these = e.getValue();
            String fix = switch (e.getKey()) {
                case LOST -> (local && nodesDown ? "`qsctl grid node start NODE` restarts a stopped node of the"
                        + " embedded grid, or " : "") + remedies.apply() + " replaces lost backends (the new ones first)";
                case UNREACHABLE -> "they may come back; if one does not, " + remedies.replace(firstName(these));
                case READ_ONLY -> remedies.topUp(view.observation().twin());
                case DEPLOYING -> remedies.apply() + " waits for them again";
                case FULL -> "raise spec.capacity in " + remedies.spec() + " and run " + remedies.apply();
                case HEALTHY, RETIRING -> throw new IllegalStateException("not trouble: " + e.getKey());
            };
            out.add(e.getKey().id().replace('-', ' ') + ": " + String.join(", ", these) + ": " + fix);
        }
        return out;
    }

    /** The cause in a few words (the drift message says it at length). */
    private static String cause(ObservedBackend o, BackendCheck check) {
        String node = "node " + o.record().node();
        if (!o.contractAlive()) {
            return "its contract " + o.record().contract() + " is gone";
        }
        if (o.node().isEmpty()) {
            return node + " has left the grid";
        }
        if (o.node().get().status() == NodeStatus.DOWN) {
            return node + " is down";
        }
        if (o.namespaceMissing()) {
            return "its namespace is gone from " + node;
        }
        if (o.node().get().status() == NodeStatus.STANDBY) {
            return node + " is on standby";
        }
        if (o.namespaceUnreachable()) {
            return node + " is up, its namespace does not answer: " + o.namespace().orElseThrow().reason();
        }
        if (o.contract().map(c -> c.state() == ContractState.GRACE).orElse(false)) {
            return "its contract is in grace";
        }
        return check.reason();
    }

    private static String firstName(List<String> described) {
        String first = described.get(0);
        return first.substring(0, first.indexOf(' '));
    }

    private static String gridDown(ClusterSession session) {
        return "the embedded grid is not running (in " + session.gridHome() + "), so none of its nodes answers: "
                + "`qsctl grid up`, then run this again";
    }

}
