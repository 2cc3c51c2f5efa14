package io.qsctl.zstor.backend;

import io.qsctl.zdb.client.ZdbClientConfig;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One 0-db namespace the store writes to, as the caller (the CLI from applied cluster state, or a
 * test) describes it. The store knows nothing of grids or contracts: a backend is an endpoint, a
 * namespace, its password and labels naming its failure domains.
 *
 * @param name     a stable name unique in the store (e.g. {@code data-07}); shard locations refer to it
 * @param endpoint {@code host:port}, {@code [v6]:port} or {@code unix:/path}, as {@link ZdbClientConfig#parse} reads
 * @param password the namespace password; never printed (see {@link #toString()})
 * @param labels   failure domains and facts for placement and reports: {@code farm}, {@code country}, {@code node}
 */
public record Backend(String name, String endpoint, String namespace, String password, Map<String, String> labels) {

    public static final String FARM = "farm";
    public static final String COUNTRY = "country";
    public static final String NODE = "node";

    public Backend {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(namespace, "namespace");
        labels = Map.copyOf(labels);
        if (name.isBlank()) {
            throw new IllegalArgumentException("a backend needs a name");
        }
    }

    public Optional<String> label(String key) {
        return Optional.ofNullable(labels.get(key));
    }

    /** A client configuration that selects this namespace with its password. */
    public ZdbClientConfig clientConfig() {
        ZdbClientConfig config = ZdbClientConfig.parse(endpoint);
        return password == null || password.isEmpty() ? config.withNamespace(namespace)
                : config.withNamespace(namespace, password);
    }

    /** Everything but the password, which must never reach a log or an error message. */
    @Override
    public String toString() {
        return "Backend[" + name + " " + endpoint + " " + namespace + (labels.isEmpty() ? "" : " " + labels) + "]";
    }
}
