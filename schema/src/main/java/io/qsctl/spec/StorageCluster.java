package io.qsctl.spec;

import java.util.Map;
import java.util.Objects;

/** A validated storage.yaml: the cluster the user wants. */
public record StorageCluster(String name, Map<String, String> labels, ClusterSpec spec) {

    public static final String API_VERSION = "qsctl.io/v1";
    public static final String KIND = "StorageCluster";

    public StorageCluster {
        Objects.requireNonNull(name, "name");
        labels = Map.copyOf(labels);
        Objects.requireNonNull(spec, "spec");
    }
}
