package io.qsctl.provider;

import java.util.Objects;

/** Which grid this is: its network name and where it is reached. */
public record GridInfo(String network, String endpoint) {
    public GridInfo {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(endpoint, "endpoint");
    }
}
