package io.qsctl.reconciler;

import io.qsctl.provider.BackendSpec;
import io.qsctl.provider.Contract;
import io.qsctl.provider.ZdbEndpoint;
import io.qsctl.reconciler.api.BackendRecord;
import io.qsctl.reconciler.api.BackendStatus;
import io.qsctl.reconciler.api.ClusterState;
import io.qsctl.reconciler.api.NodeChoice;
import java.time.Instant;
import java.util.Optional;

/**
 * Puts a reserved contract into the state as a backend: active when its namespace answers,
 * deploying when not yet. A backend that becomes active retires the predecessors of its name that
 * were waiting for it ({@link BackendStatus#REPLACING} → {@link BackendStatus#RETIRING}), in the
 * same saved version, so that there is never a moment where the state shows a name without a
 * serving backend.
 */
final class Adoption {

    private Adoption() {
    }

    static ClusterState adopt(ClusterState state, BackendSpec spec, NodeChoice target, Contract contract, int generation,
                              Optional<ZdbEndpoint> endpoint, Instant now) {
        BackendRecord record = new BackendRecord(spec.name(), spec.role(), contract.node(), target.farm(),
                target.country(), contract.size(), spec.mode(), contract.id(), contract.deploymentHash(),
                endpoint.map(ZdbEndpoint::namespace), endpoint.map(ZdbEndpoint::hostAndPort),
                endpoint.isPresent() ? BackendStatus.ACTIVE : BackendStatus.DEPLOYING, generation, now, now);
        ClusterState next = state.with(record);
        return endpoint.isPresent() ? retirePredecessors(next, record, now) : next;
    }

    /** A deploying backend whose namespace now answers becomes active (and retires its predecessors). */
    static ClusterState deployed(ClusterState state, BackendRecord deploying, ZdbEndpoint endpoint, Instant now) {
        BackendRecord active = deploying.withEndpoint(endpoint.namespace(), endpoint.hostAndPort(), now);
        return retirePredecessors(state.with(active), active, now);
    }

    private static ClusterState retirePredecessors(ClusterState state, BackendRecord successor, Instant now) {
        ClusterState next = state;
        for (BackendRecord b : state.backends()) {
            if (b.name().equals(successor.name()) && b.status() == BackendStatus.REPLACING
                    && b.generation() < successor.generation()) {
                next = next.with(b.withStatus(BackendStatus.RETIRING, now));
            }
        }
        return next;
    }
}
