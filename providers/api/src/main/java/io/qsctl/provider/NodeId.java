package io.qsctl.provider;

/** A grid node's id. */
public record NodeId(long value) implements Comparable<NodeId> {
    public NodeId {
        if (value <= 0) {
            throw new IllegalArgumentException("node ids are positive: " + value);
        }
    }

    @Override
    public int compareTo(NodeId other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
