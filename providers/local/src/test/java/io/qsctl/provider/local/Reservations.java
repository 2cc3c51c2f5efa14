package io.qsctl.provider.local;

import io.qsctl.provider.BackendRole;
import io.qsctl.provider.BackendSpec;
import io.qsctl.provider.Deployment;
import io.qsctl.provider.NodeId;
import io.qsctl.provider.ReservationBatch;
import io.qsctl.provider.Signed;
import io.qsctl.provider.Tft;
import io.qsctl.provider.TwinId;
import io.qsctl.provider.ZdbMode;
import java.util.List;

/** Builds and signs reservations for tests, as the reconciler will. */
final class Reservations {

    static final long GIB = 1024L * 1024 * 1024;

    private Reservations() {
    }

    static Deployment deployment(TwinId twin, String name, long node, long size, ZdbMode mode) {
        BackendSpec backend = new BackendSpec("test", name, mode == ZdbMode.SEQ ? BackendRole.DATA : BackendRole.METADATA,
                new NodeId(node), size, mode);
        return Deployment.of(twin, backend, "pw-" + name + "-" + twin.value());
    }

    static ReservationBatch batch(TwinId twin, List<Deployment> deployments) {
        return new ReservationBatch("local", "test/0", twin, deployments, Tft.ZERO);
    }

    static Signed sign(TestSigner signer, ReservationBatch batch) {
        return signer.sign(batch.signingPayload());
    }
}
