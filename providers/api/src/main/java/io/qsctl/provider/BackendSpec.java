package io.qsctl.provider;

import java.util.Objects;

/**
 * A zdb backend to reserve: a namespace of {@code size} bytes in {@code mode} on {@code node}.
 * {@code name} is the backend's stable name within its cluster ({@code data-07}, {@code meta-2}).
 */
public record BackendSpec(String cluster, String name, BackendRole role, NodeId node, long size, ZdbMode mode) {
    public BackendSpec {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(mode, "mode");
        if (size <= 0) {
            throw new IllegalArgumentException("a backend needs a positive size");
        }
    }
}
