package io.qsctl.cli.cluster;

import io.qsctl.common.QsctlException;
import io.qsctl.provider.BackendRole;
import io.qsctl.provider.identity.Identity;
import io.qsctl.reconciler.api.BackendRecord;
import io.qsctl.reconciler.api.ClusterState;
import io.qsctl.zstor.backend.Backend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The erasure store's view of an applied cluster: its serving data and metadata backends as
 * {@link Backend}s, each with the namespace password derived from the identity. A backend keeps
 * its name across replacements, so shard locations (which name backends) stay valid and a
 * replacement shows up as an empty namespace under a known name, which repair refills.
 */
public record ClusterBackends(List<Backend> data, List<Backend> metadata) {

    public ClusterBackends {
        data = List.copyOf(data);
        metadata = List.copyOf(metadata);
    }

    public static ClusterBackends of(ClusterState state, Identity identity) {
        if (state.destroyed()) {
            throw QsctlException.invalidInput("cluster " + state.cluster() + " was destroyed; it has no backends");
        }
        List<Backend> data = new ArrayList<>();
        List<Backend> metadata = new ArrayList<>();
        List<String> names = state.backends().stream().map(BackendRecord::name).distinct().toList();
        for (String name : names) {
            BackendRecord record = state.serving(name).orElse(null);
            if (record == null || record.namespace().isEmpty() || record.endpoint().isEmpty()) {
                continue;
            }
            (record.role() == BackendRole.DATA ? data : metadata).add(backendOf(state.cluster(), record, identity));
        }
        if (data.isEmpty() || metadata.isEmpty()) {
            throw QsctlException.invalidInput("cluster " + state.cluster() + " has " + data.size() + " data and "
                    + metadata.size() + " metadata backends in service; run `qsctl apply` first");
        }
        return new ClusterBackends(data, metadata);
    }

    /**
     * One deployed backend of {@code cluster} as the erasure store (and anything else that talks to
     * its namespace) sees it: its endpoint, namespace and the password the identity derives for it.
     */
    public static Backend backendOf(String cluster, BackendRecord record, Identity identity) {
        if (record.namespace().isEmpty() || record.endpoint().isEmpty()) {
            throw new IllegalArgumentException(record.name() + " has not been deployed yet");
        }
        return new Backend(record.name(), record.endpoint().get(), record.namespace().get(),
                identity.namespacePassword(cluster, record.name()),
                Map.of(Backend.FARM, record.farm().toString(), Backend.COUNTRY, record.country(), Backend.NODE,
                        record.node().toString()));
    }
}
