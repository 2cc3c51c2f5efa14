package io.qsctl.provider.local;

import java.time.Instant;
import java.util.Objects;

/**
 * A node as the embedded grid keeps it. {@code status} is what the grid proxy would show
 * ({@code up}, {@code down}, {@code standby}); {@code port} is where its zdb server listened last,
 * which it asks for again when it starts, so endpoints survive restarts. Used capacity is not
 * kept: it is the sum of the node's live contracts.
 */
record NodeRecord(long id, long farm, long twin, String country, String city, double latitude, double longitude,
                  long cru, long mru, long sru, long hru, int priceMille, String status, Instant bootedAt,
                  Instant updatedAt, int port) {

    NodeRecord {
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(city, "city");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(bootedAt, "bootedAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    boolean up() {
        return "up".equals(status);
    }

    NodeRecord withStatus(String newStatus, Instant now) {
        Instant booted = "up".equals(newStatus) && !up() ? now : bootedAt;
        return new NodeRecord(id, farm, twin, country, city, latitude, longitude, cru, mru, sru, hru, priceMille, newStatus,
                booted, now, port);
    }

    NodeRecord withPort(int newPort) {
        return new NodeRecord(id, farm, twin, country, city, latitude, longitude, cru, mru, sru, hru, priceMille, status,
                bootedAt, updatedAt, newPort);
    }
}
