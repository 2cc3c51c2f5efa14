package io.qsctl.provider;

/** A node contract on the chain. */
public record ContractId(long value) {
    public ContractId {
        if (value <= 0) {
            throw new IllegalArgumentException("contract ids are positive: " + value);
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
