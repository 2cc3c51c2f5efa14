package io.qsctl.cli;

import io.qsctl.cli.context.VersionProvider;
import io.qsctl.cli.output.Documents;
import io.qsctl.cli.output.OutputFormat;
import io.qsctl.common.ExitCode;
import io.qsctl.provider.Node;
import io.qsctl.provider.NodeId;
import io.qsctl.provider.json.GridProxyJson;
import io.qsctl.provider.local.GridAdmin;
import java.io.PrintWriter;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** {@code qsctl grid node stop|start|wipe NODE_ID}: the failures our code must survive, on purpose. */
@Command(name = "node", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Chaos on one node of the embedded grid.")
final class GridNodeCommand extends QsctlSubcommand {

    @ParentCommand
    GridCommand grid;

    @Command(name = "stop", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "The node goes down: its 0-db stops answering and new deployments on it fail; its contracts "
                    + "stay and are still billed, as on the real grid.")
    int stop(@Parameters(paramLabel = "NODE_ID") long node) {
        NodeId id = nodeId(node);
        return printNode(admin -> admin.stopNode(id));
    }

    @Command(name = "start", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "The node comes back, on its old port if it is free (endpoints say which).")
    int start(@Parameters(paramLabel = "NODE_ID") long node) {
        NodeId id = nodeId(node);
        return printNode(admin -> admin.startNode(id));
    }

    @Command(name = "wipe", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "The node loses its disk: every namespace on it is deleted with its files; contracts stay "
                    + "created, as after a real disk loss.")
    int wipe(@Parameters(paramLabel = "NODE_ID") long node) {
        NodeId id = nodeId(node);
        int removed;
        try (GridAdmin admin = grid.admin()) {
            removed = admin.wipeNode(id);
        }
        PrintWriter out = out();
        OutputFormat format = global().output();
        if (format == OutputFormat.TEXT) {
            out.println("node " + node + ": wiped, " + removed + " namespace" + (removed == 1 ? "" : "s") + " removed");
            out.flush();
        } else {
            ObjectNode doc = JsonMapper.shared().createObjectNode();
            doc.put("nodeId", node);
            doc.put("namespacesRemoved", removed);
            Documents.print(out, format, doc);
        }
        return ExitCode.OK.code();
    }

    private int printNode(Function<GridAdmin, Node> action) {
        Node node;
        try (GridAdmin admin = grid.admin()) {
            node = action.apply(admin);
        }
        PrintWriter out = out();
        OutputFormat format = global().output();
        if (format == OutputFormat.TEXT) {
            out.println("node " + node.id() + " (" + node.farmName() + ", " + node.country() + "): " + node.status().id());
            out.flush();
        } else {
            Documents.print(out, format, GridProxyJson.node(node));
        }
        return ExitCode.OK.code();
    }

    private NodeId nodeId(long id) {
        if (id <= 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a node id is a positive number");
        }
        return new NodeId(id);
    }

    @Override
    public Integer call() {
        PrintWriter err = err();
        spec.commandLine().usage(err);
        err.println();
        err.println("qsctl grid node: a subcommand is required");
        err.flush();
        return ExitCode.USAGE.code();
    }
}
