package io.qsctl.provider;

import java.util.Locale;

/** What a backend holds: erasure-coded data shards, or the encrypted segment metadata. */
public enum BackendRole {
    DATA, METADATA;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static BackendRole fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
