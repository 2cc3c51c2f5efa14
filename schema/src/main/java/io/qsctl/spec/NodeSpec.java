package io.qsctl.spec;

import java.util.Objects;

/** The data backends: how many, each on its own node, and where. */
public record NodeSpec(int count, Placement placement) {
    public NodeSpec {
        if (count < 1) {
            throw new IllegalArgumentException("count must be positive: " + count);
        }
        Objects.requireNonNull(placement, "placement");
    }
}
