package io.qsctl.cli.status;

import io.qsctl.provider.Tft;
import io.qsctl.provider.TwinId;
import io.qsctl.reconciler.api.Drift;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Everything {@code qsctl status} says about a cluster: its backends one by one, used and free
 * space, the wallet, drift, the conditions and the verdict ({@link #health()}, the exit code).
 *
 * @param applied whether the cluster was ever applied (a state exists)
 * @param capacity empty when no data backend said how full it is
 * @param runwayDays how long the balance pays the contracts; empty when nothing is paid
 */
public record StatusReport(String cluster, String network, boolean applied, boolean destroyed, Optional<TwinId> twin,
                           List<BackendCheck> backends, Optional<CapacityReport> capacity, Tft balance, Tft hourly,
                           OptionalDouble runwayDays, List<Drift> drift, List<Condition> conditions, Health health) {

    public StatusReport {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(twin, "twin");
        backends = List.copyOf(backends);
        Objects.requireNonNull(capacity, "capacity");
        Objects.requireNonNull(balance, "balance");
        Objects.requireNonNull(hourly, "hourly");
        Objects.requireNonNull(runwayDays, "runwayDays");
        drift = List.copyOf(drift);
        conditions = List.copyOf(conditions);
        Objects.requireNonNull(health, "health");
    }

    /** Backends in service (a retiring predecessor is not counted). */
    public List<BackendCheck> serving() {
        return backends.stream().filter(b -> b.state() != BackendCheck.State.RETIRING).toList();
    }

    public long count(BackendCheck.State state) {
        return backends.stream().filter(b -> b.state() == state).count();
    }

    public StatusReport withConditions(List<Condition> stamped) {
        return new StatusReport(cluster, network, applied, destroyed, twin, backends, capacity, balance, hourly,
                runwayDays, drift, stamped, health);
    }
}
