package io.qsctl.provider;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A node as the grid proxy describes it. {@code used} counts what contracts reserved;
 * {@link #freeHru()} is what a new zdb backend can still get (zos puts zdb on HDD only).
 */
public record Node(NodeId id, FarmId farmId, String farmName, TwinId twinId, String country, String city,
                   NodeStatus status, boolean healthy, Resources total, Resources used, long uptimeSeconds,
                   Instant updatedAt, boolean certified, BigDecimal priceUsd, List<String> features) {

    public Node {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(farmId, "farmId");
        Objects.requireNonNull(farmName, "farmName");
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(city, "city");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(used, "used");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(priceUsd, "priceUsd");
        features = List.copyOf(features);
    }

    public long freeHru() {
        return Math.max(0, total.hru() - used.hru());
    }

    public boolean supports(String feature) {
        return features.contains(feature);
    }
}
