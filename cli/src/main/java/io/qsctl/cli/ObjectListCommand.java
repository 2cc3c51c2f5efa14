package io.qsctl.cli;

import io.qsctl.cli.cluster.ClusterSession;
import io.qsctl.cli.cluster.Tables;
import io.qsctl.cli.context.VersionProvider;
import io.qsctl.cli.object.ClusterStore;
import io.qsctl.cli.output.Documents;
import io.qsctl.cli.output.OutputFormat;
import io.qsctl.zstor.segment.SegmentRecord;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code qsctl object list -f SPEC}: every object in the store's metadata. */
@Command(name = "list",
        header = "List the objects in the cluster's store, as the metadata backends hold them.",
        description = {
            "Read from the metadata backends, not from a local cache: what a new machine sees after "
                    + "recovering the identity."
        })
final class ObjectListCommand extends ClusterCommand {

    @Option(names = "--shards", description = "Also name the backends that hold each object's shards.")
    boolean shards;

    @Override
    public Integer call() {
        PrintWriter out = out();
        try (ClusterSession session = openSession();
             ClusterStore store = openStore(session, false, "object list")) {
            List<SegmentRecord> records = new ArrayList<>();
            for (String id : store.store().list()) {
                records.add(store.store().describe(id));
            }
            OutputFormat format = global().output();
            if (Documents.machine(format)) {
                ArrayNode all = JsonMapper.shared().createArrayNode();
                for (SegmentRecord r : records) {
                    ObjectNode n = all.addObject();
                    n.put("id", r.id().toString());
                    n.put("size", r.plaintextSize());
                    n.put("stripes", r.stripes().size());
                    n.put("dataShards", r.layout().dataShards());
                    n.put("parityShards", r.layout().parityShards());
                    n.put("created", Instant.ofEpochMilli(r.createdMillis()).toString());
                    if (shards) {
                        ArrayNode names = n.putArray("backends");
                        r.backends().forEach(names::add);
                    }
                }
                ObjectNode doc = JsonMapper.shared().createObjectNode();
                doc.put("cluster", session.spec().name());
                doc.set("objects", all);
                Documents.print(out, format, doc);
            } else {
                List<List<String>> rows = new ArrayList<>();
                for (SegmentRecord r : records) {
                    rows.add(List.of(r.id().toString(), Tables.size(r.plaintextSize()), Integer.toString(r.stripes().size()),
                            r.layout().dataShards() + "+" + r.layout().parityShards(),
                            Instant.ofEpochMilli(r.createdMillis()).toString(), shards ? String.join(",", r.backends()) : ""));
                }
                List<String> header = new ArrayList<>(List.of("ID", "SIZE", "STRIPES", "SHARDS", "CREATED", "BACKENDS"));
                if (!shards) {
                    header.remove(header.size() - 1);
                    rows.replaceAll(row -> row.subList(0, row.size() - 1));
                }
                Tables.print(out, header, rows);
            }
            out.flush();
            return 0;
        }
    }
}
