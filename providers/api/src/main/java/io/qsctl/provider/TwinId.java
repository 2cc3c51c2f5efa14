package io.qsctl.provider;

/** A twin: the grid account that owns contracts. */
public record TwinId(long value) {
    public TwinId {
        if (value <= 0) {
            throw new IllegalArgumentException("twin ids are positive: " + value);
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
