package io.qsctl.cli;

import io.qsctl.cli.cluster.ClusterSession;
import io.qsctl.cli.cluster.ClusterView;
import io.qsctl.cli.cluster.Tables;
import io.qsctl.cli.output.Documents;
import io.qsctl.cli.output.OutputFormat;
import io.qsctl.common.QsctlException;
import io.qsctl.reconciler.api.ObservedBackend;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** {@code qsctl describe backend NAME}: everything about one backend. */
@Command(name = "describe", description = "Everything qsctl and the grid know about one backend (never its password).")
final class DescribeCommand extends ClusterCommand {

    /** What can be described: an enum, so completion offers it and another word is a usage error listing the choices. */
    enum Kind { backend }

    @Parameters(index = "0", paramLabel = "KIND", description = "What to describe: ${COMPLETION-CANDIDATES}.")
    Kind kind;

    @Parameters(index = "1", paramLabel = "NAME", description = "The backend, e.g. data-03 (see `qsctl get backends`).")
    String name;

    @Override
    public Integer call() {
        PrintWriter out = out();
        try (ClusterSession session = openSession()) {
            ClusterView view = ClusterView.of(session);
            ObservedBackend backend = view.observation().backends().stream().filter(b -> b.record().name().equals(name))
                    .findFirst().orElseThrow(() -> QsctlException.invalidInput("cluster " + session.spec().name()
                            + " has no backend " + name + "; `qsctl get backends -f " + session.specName()
                            + "` lists them"));
            ObjectNode json = JsonMapper.shared().createObjectNode();
            json.put("cluster", session.spec().name());
            json.setAll(GetCommand.backendJson(backend));
            backend.contract().ifPresent(c -> {
                json.put("deploymentHash", c.deploymentHash());
                c.graceSince().ifPresent(g -> json.put("graceSince", g.toString()));
            });
            backend.node().ifPresent(n -> {
                json.put("farm", n.farmName());
                json.put("city", n.city());
                json.put("nodeFreeHdd", n.freeHru());
            });
            if (global().output() != OutputFormat.TEXT) {
                Documents.print(out, global().output(), json);
                return 0;
            }
            var r = backend.record();
            out.println("Name:        " + r.name() + " (" + r.role().id() + ", generation " + r.generation() + ")");
            out.println("Node:        " + r.node() + backend.node().map(n -> " (farm " + n.farmName() + ", " + n.city() + ", "
                    + n.country() + ") " + n.status().id()).orElse(" (gone from the grid)"));
            out.println("Size:        " + Tables.size(r.size()) + ", mode " + r.mode().id());
            out.println("Contract:    " + r.contract() + " " + backend.contract().map(c -> c.state().id()).orElse("unknown")
                    + backend.contract().flatMap(c -> c.graceSince()).map(g -> " since " + g).orElse(""));
            out.println("Namespace:   " + r.namespace().orElse("(not deployed yet)"));
            out.println("Endpoint:    " + r.endpoint().orElse("(not deployed yet)"));
            out.println("Status:      " + r.status().name().toLowerCase(java.util.Locale.ROOT)
                    + (backend.dead() ? " (lost: `qsctl replace backend " + r.name() + "` or apply replaces it)" : ""));
            out.println("Created:     " + r.created() + ", updated " + r.updated());
            out.flush();
            return 0;
        }
    }
}
