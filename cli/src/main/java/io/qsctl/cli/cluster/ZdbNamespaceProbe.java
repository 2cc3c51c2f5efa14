package io.qsctl.cli.cluster;

import io.qsctl.provider.identity.Identity;
import io.qsctl.reconciler.api.BackendRecord;
import io.qsctl.reconciler.api.NamespaceObservation;
import io.qsctl.reconciler.api.NamespaceProbe;
import io.qsctl.zdb.client.NamespaceInfo;
import io.qsctl.zdb.client.ReconnectPolicy;
import io.qsctl.zdb.client.ZdbClientConfig;
import io.qsctl.zdb.client.ZdbConnection;
import io.qsctl.zdb.client.ZdbException;
import io.qsctl.zdb.client.ZdbServerException;
import io.qsctl.zstor.health.Classification;
import io.qsctl.zstor.health.HealthClassifier;
import java.time.Duration;

/**
 * Asks a backend's namespace directly, as its owner: SELECT with the password the identity derives,
 * then NSINFO. A node that says "Namespace not found" has lost it; one that refuses the connection
 * or does not answer in time is unreachable. One short-lived connection per question, with one
 * connect attempt and short timeouts, so that a refresh over many backends stays quick.
 */
public final class ZdbNamespaceProbe implements NamespaceProbe {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(3);

    private final String cluster;
    private final Identity identity;

    public ZdbNamespaceProbe(String cluster, Identity identity) {
        this.cluster = cluster;
        this.identity = identity;
    }

    @Override
    public NamespaceObservation observe(BackendRecord backend) {
        var zstorBackend = ClusterBackends.backendOf(cluster, backend, identity);
        ZdbClientConfig config = zstorBackend.clientConfig().withConnectTimeout(CONNECT_TIMEOUT)
                .withCommandTimeout(COMMAND_TIMEOUT).withReconnect(ReconnectPolicy.NONE);
        try (ZdbConnection zdb = ZdbConnection.open(config)) {
            NamespaceInfo info = zdb.nsinfo(zstorBackend.namespace());
            return NamespaceObservation.present(info.dataSizeBytes(), info.dataLimitBytes(),
                    info.locked().orElse(false));
        } catch (ZdbException e) {
            if (HealthClassifier.namespaceMissing(e)) {
                return NamespaceObservation.missing(((ZdbServerException) e).serverMessage());
            }
            return NamespaceObservation.unreachable(HealthClassifier.fromError(e).map(Classification::reason)
                    .orElse(e.getMessage()));
        }
    }
}
