package io.qsctl.cli;

import io.qsctl.cli.cluster.ClusterSession;
import io.qsctl.cli.cluster.Tables;
import io.qsctl.cli.object.ClusterStore;
import io.qsctl.cli.object.EachObject;
import io.qsctl.cli.output.Documents;
import io.qsctl.cli.output.OutputFormat;
import io.qsctl.cli.status.BackendTrouble;
import io.qsctl.zstor.store.RepairReport;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code qsctl object repair -f SPEC [ID]}: rebuilds missing or corrupt shard chunks. */
@Command(name = "repair",
        header = "Rebuild the missing, corrupt or lost shard chunks of one object, or of every object.",
        description = {
            "Chunks are rebuilt from the good ones onto the backend that should hold them when it is healthy, "
                    + "else onto another backend that holds no shard of that object. The metadata is rewritten, then "
                    + "what was superseded is deleted. Exit 0 when every object is complete afterwards, 1 otherwise "
                    + "(the report says what is left)."
        })
final class ObjectRepairCommand extends ClusterCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "One object; all when absent.")
    String id;

    @Override
    public Integer call() {
        PrintWriter out = out();
        PrintWriter err = err();
        try (ClusterSession session = openSession();
             ClusterStore store = openStore(session, true, "object repair")) {
            store.metadata().repairAll();
            EachObject<RepairReport> each = EachObject.apply(id, store.store()::list, store.store()::repair);
            List<RepairReport> reports = each.done();
            Map<String, String> failed = each.failed();
            print(out, global().output(), session.spec().name(), reports, failed);
            boolean complete = failed.isEmpty() && reports.stream().allMatch(RepairReport::complete);
            if (!complete) {
                whatIsLeft(session, reports, err);
            }
            return complete ? 0 : 1;
        }
    }

    /**
     * What kept repair from completing, on stderr: a shard can only be rebuilt on a backend that
     * takes writes and holds no other shard of its stripe, so each unusable backend is named with
     * the command that fixes it.
     */
    private static void whatIsLeft(ClusterSession session, List<RepairReport> reports, PrintWriter err) {
        List<String> trouble = BackendTrouble.explain(session, Set.of());
        if (reports.stream().anyMatch(r -> !r.unrecoverableStripes().isEmpty())) {
            err.println("Stripes shown as LOST STRIPES have fewer good shards left than a rebuild needs; they cannot"
                    + " be repaired.");
        }
        if (!trouble.isEmpty()) {
            err.println("Repair is incomplete: some shards have no backend to be rebuilt on.");
            trouble.forEach(line -> err.println("  " + line));
            err.println("Then run `qsctl object repair -f " + session.specFile() + "` again.");
        }
        err.flush();
    }

    private static void print(PrintWriter out, OutputFormat format, String cluster, List<RepairReport> reports,
            Map<String, String> failed) {
        if (Documents.machine(format)) {
            ObjectNode doc = JsonMapper.shared().createObjectNode();
            doc.put("cluster", cluster);
            ArrayNode all = doc.putArray("objects");
            for (RepairReport r : reports) {
                ObjectNode n = all.addObject();
                n.put("id", r.id());
                n.put("problemsFound", r.found().size());
                n.put("rebuilt", r.rebuilt());
                ObjectNode per = n.putObject("rebuiltPerBackend");
                r.rebuiltPerBackend().entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .forEach(e -> per.put(e.getKey(), e.getValue()));
                n.put("relocated", r.relocated());
                n.put("stillMissing", r.stillMissing());
                ArrayNode lost = n.putArray("unrecoverableStripes");
                r.unrecoverableStripes().forEach(lost::add);
                n.put("supersededDeleted", r.supersededDeleted());
                n.put("supersededLeft", r.supersededLeft());
                n.put("complete", r.complete());
                n.put("generation", r.generation());
            }
            failed.forEach((each, why) -> {
                ObjectNode n = all.addObject();
                n.put("id", each);
                n.put("complete", false);
                n.put("error", why);
            });
            Documents.print(out, format, doc);
        } else {
            List<List<String>> rows = new ArrayList<>();
            for (RepairReport r : reports) {
                rows.add(List.of(r.id(), Integer.toString(r.found().size()), Integer.toString(r.rebuilt()),
                        Integer.toString(r.relocated()), Integer.toString(r.stillMissing()),
                        r.complete() ? "complete" : r.unrecoverableStripes().isEmpty() ? "incomplete"
                                : "LOST STRIPES " + r.unrecoverableStripes()));
            }
            failed.forEach((each, why) -> rows.add(List.of(each, "-", "-", "-", "-", "FAILED: " + why)));
            Tables.print(out, List.of("ID", "PROBLEMS", "REBUILT", "MOVED", "LEFT", "STATE"), rows);
        }
        out.flush();
    }
}
