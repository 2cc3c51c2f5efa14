package io.qsctl.cli;

import io.qsctl.cli.cluster.ClusterSession;
import io.qsctl.cli.context.VersionProvider;
import io.qsctl.cli.object.ClusterStore;
import io.qsctl.cli.output.Documents;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** {@code qsctl object delete -f SPEC ID}: removes an object, metadata first. */
@Command(name = "delete",
        header = "Delete an object: its metadata first, then its shard chunks.",
        description = {
            "The object is gone as soon as its metadata is, even if a metadata backend is away; its shard "
                    + "chunks are then deleted wherever they can be reached."
        })
final class ObjectDeleteCommand extends ClusterCommand {

    @Parameters(index = "0", paramLabel = "ID", description = "The object to delete.")
    String id;

    @Override
    public Integer call() {
        PrintWriter err = err();
        try (ClusterSession session = openSession();
             ClusterStore store = openStore(session, true, "object delete")) {
            store.store().delete(id);
            if (Documents.machine(global().output())) {
                ObjectNode doc = JsonMapper.shared().createObjectNode();
                doc.put("cluster", session.spec().name());
                doc.put("id", id);
                doc.put("deleted", true);
                Documents.print(out(), global().output(), doc);
            } else if (!global().quiet()) {
                err.println("Deleted " + id);
            }
            return 0;
        }
    }
}
