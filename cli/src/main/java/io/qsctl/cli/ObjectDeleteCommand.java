package io.qsctl.cli;

import io.qsctl.cli.cluster.ClusterOptions;
import io.qsctl.cli.cluster.ClusterSession;
import io.qsctl.cli.context.VersionProvider;
import io.qsctl.cli.object.ClusterStore;
import io.qsctl.cli.output.Documents;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** {@code qsctl object delete -f SPEC ID}: removes an object, metadata first. */
@Command(name = "delete",
        header = "Delete an object: its metadata first, then its shard chunks.",
        description = {
            "The object is gone as soon as its metadata is, even if a metadata backend is away; its shard "
                    + "chunks are then deleted wherever they can be reached."
        })
final class ObjectDeleteCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClusterOptions cluster;

    @Parameters(index = "0", paramLabel = "ID", description = "The object to delete.")
    String id;

    @Override
    public Integer call() {
        QsctlCommand root = (QsctlCommand) spec.root().userObject();
        PrintWriter err = spec.commandLine().getErr();
        try (ClusterSession session = ClusterSession.open(root.context(), root.global(), cluster, err);
             ClusterStore store = ClusterStore.open(session, true, cluster.lockTimeout(), "object delete",
                     VersionProvider.version())) {
            store.store().delete(id);
            if (Documents.machine(root.global().output())) {
                ObjectNode doc = JsonMapper.shared().createObjectNode();
                doc.put("cluster", session.spec().name());
                doc.put("id", id);
                doc.put("deleted", true);
                Documents.print(spec.commandLine().getOut(), root.global().output(), doc);
            } else if (!root.global().quiet()) {
                err.println("Deleted " + id);
            }
            return 0;
        }
    }
}
