package io.qsctl.reconciler;

import io.qsctl.provider.Grid;
import io.qsctl.provider.Node;
import io.qsctl.provider.NodePage;
import io.qsctl.provider.NodeQuery;
import java.util.ArrayList;
import java.util.List;

/** Every node matching a query, read page by page at the grid proxy's largest page size. */
final class NodeCatalogue {

    private NodeCatalogue() {
    }

    static List<Node> fetch(Grid grid, NodeQuery query) {
        List<Node> all = new ArrayList<>();
        for (int page = 1; ; page++) {
            NodePage result = grid.nodes(query.withPage(page, NodeQuery.MAX_PAGE_SIZE));
            all.addAll(result.nodes());
            if (result.nodes().size() < NodeQuery.MAX_PAGE_SIZE || all.size() >= result.total()) {
                return all;
            }
        }
    }
}
