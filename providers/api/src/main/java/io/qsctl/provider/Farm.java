package io.qsctl.provider;

import java.util.Objects;

/** A farm: the owner of nodes, and a failure domain of its own. */
public record Farm(FarmId id, String name, TwinId owner, boolean certified) {
    public Farm {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(owner, "owner");
    }
}
