package io.qsctl.reconciler.api;

import io.qsctl.provider.Contract;
import io.qsctl.provider.TwinId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of a refresh: every backend of the state as the grid sees it, the contracts the twin
 * holds for this cluster that the state does not list, and the drift found. Refreshing changes
 * nothing, on the grid or in the state.
 */
public record Observation(Instant at, Optional<TwinId> twin, List<ObservedBackend> backends, List<Contract> untracked,
                          List<Drift> drift) {
    public Observation {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(twin, "twin");
        backends = List.copyOf(backends);
        untracked = List.copyOf(untracked);
        drift = List.copyOf(drift);
    }

    public Optional<ObservedBackend> of(BackendRecord record) {
        return backends.stream().filter(b -> b.record().contract().equals(record.contract())).findFirst();
    }
}
