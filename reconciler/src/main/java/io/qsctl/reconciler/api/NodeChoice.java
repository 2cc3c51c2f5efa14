package io.qsctl.reconciler.api;

import io.qsctl.provider.FarmId;
import io.qsctl.provider.Node;
import io.qsctl.provider.NodeId;
import java.util.Objects;

/** The node a plan puts a new backend on, with the farm and country it was chosen for. */
public record NodeChoice(NodeId node, FarmId farm, String country) {
    public NodeChoice {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(farm, "farm");
        Objects.requireNonNull(country, "country");
    }

    public static NodeChoice of(Node node) {
        return new NodeChoice(node.id(), node.farmId(), node.country());
    }

    @Override
    public String toString() {
        return "node " + node + " (farm " + farm + ", " + country + ")";
    }
}
