package io.qsctl.zstor.meta;

import java.util.List;

/** How a metadata backend is doing, as {@link ReplicatedMetadataStore#health()} sees it. */
public sealed interface BackendState {

    /** It answered, and no damaged shard has been seen on it. */
    record Reachable() implements BackendState {
    }

    /** It did not answer; the reason names the endpoint and the error. */
    record Unreachable(String reason) implements BackendState {
    }

    /**
     * It answered, but the last reads of these records found slots on it that are not authentic
     * shards (changed bytes, truncated, another key). {@link ReplicatedMetadataStore#repair} fixes them.
     */
    record Corrupt(List<String> recordIds) implements BackendState {
        public Corrupt {
            recordIds = List.copyOf(recordIds);
        }
    }
}
