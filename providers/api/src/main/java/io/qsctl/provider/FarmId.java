package io.qsctl.provider;

/** A farm's id. */
public record FarmId(long value) {
    public FarmId {
        if (value <= 0) {
            throw new IllegalArgumentException("farm ids are positive: " + value);
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
