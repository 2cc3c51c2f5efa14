package io.qsctl.provider;

import java.util.List;

/** One page of a node search, and how many nodes match in all. */
public record NodePage(List<Node> nodes, long total) {
    public NodePage {
        nodes = List.copyOf(nodes);
    }
}
