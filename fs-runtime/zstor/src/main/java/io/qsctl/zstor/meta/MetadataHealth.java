package io.qsctl.zstor.meta;

import java.util.List;

/** The metadata backends as probed now, with the quorums they are measured against. */
public record MetadataHealth(MetaQuorum quorum, List<BackendHealth> backends) {

    public MetadataHealth {
        backends = List.copyOf(backends);
    }

    public long reachableCount() {
        return backends.stream().filter(BackendHealth::reachable).count();
    }

    /** Enough backends answer for a write to be acknowledged. */
    public boolean writable() {
        return reachableCount() >= quorum.writeQuorum();
    }

    /** Enough backends answer for records written to all of them to be read. */
    public boolean readable() {
        return reachableCount() >= quorum.readQuorum();
    }

    /** Every backend answers and none holds a damaged shard that was seen. */
    public boolean healthy() {
        return backends.stream().allMatch(b -> b.state() instanceof BackendState.Reachable);
    }
}
