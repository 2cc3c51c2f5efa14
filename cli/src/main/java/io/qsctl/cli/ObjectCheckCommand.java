package io.qsctl.cli;

import io.qsctl.cli.cluster.ClusterSession;
import io.qsctl.cli.cluster.Tables;
import io.qsctl.cli.context.VersionProvider;
import io.qsctl.cli.object.ClusterStore;
import io.qsctl.cli.object.EachObject;
import io.qsctl.cli.output.Documents;
import io.qsctl.cli.output.OutputFormat;
import io.qsctl.zstor.store.CheckReport;
import io.qsctl.zstor.store.ChunkProblem;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code qsctl object check -f SPEC [ID]}: reads and verifies every shard chunk; changes nothing. */
@Command(name = "check",
        header = "Read and verify every shard chunk of one object, or of every object.",
        description = {
            "Missing, corrupt or unreachable chunks are listed. Changes nothing. Exit 0 when everything is "
                    + "intact, 1 when anything needs `qsctl object repair` (or cannot be read)."
        })
final class ObjectCheckCommand extends ClusterCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "One object; all when absent.")
    String id;

    @Override
    public Integer call() {
        PrintWriter out = out();
        PrintWriter err = err();
        try (ClusterSession session = openSession();
             ClusterStore store = openStore(session, false, "object check")) {
            EachObject<CheckReport> each = EachObject.apply(id, store.store()::list, store.store()::check);
            List<CheckReport> reports = each.done();
            Map<String, String> unreadable = each.failed();
            print(out, global().output(), session.spec().name(), reports, unreadable);
            boolean intact = unreadable.isEmpty() && reports.stream().allMatch(CheckReport::healthy);
            if (!intact && !global().quiet()) {
                err.println("Problems found: run `qsctl object repair -f " + session.specName() + (id == null ? "" : " " + id)
                        + "`");
            }
            return intact ? 0 : 1;
        }
    }

    private static void print(PrintWriter out, OutputFormat format, String cluster, List<CheckReport> reports,
            Map<String, String> unreadable) {
        if (Documents.machine(format)) {
            ObjectNode doc = JsonMapper.shared().createObjectNode();
            doc.put("cluster", cluster);
            ArrayNode all = doc.putArray("objects");
            for (CheckReport r : reports) {
                ObjectNode n = all.addObject();
                n.put("id", r.id());
                n.put("size", r.size());
                n.put("stripes", r.stripes());
                n.put("chunksChecked", r.chunksChecked());
                n.put("healthy", r.healthy());
                n.put("readable", r.readable());
                n.put("weakestStripe", r.weakestStripe());
                n.put("dataShards", r.dataShards());
                ArrayNode problems = n.putArray("problems");
                for (ChunkProblem p : r.problems()) {
                    ObjectNode pn = problems.addObject();
                    pn.put("stripe", p.stripe());
                    pn.put("shard", p.shard());
                    pn.put("backend", p.backend());
                    pn.put("kind", p.kind().name().toLowerCase(java.util.Locale.ROOT));
                    pn.put("detail", p.detail());
                }
            }
            unreadable.forEach((each, why) -> {
                ObjectNode n = all.addObject();
                n.put("id", each);
                n.put("healthy", false);
                n.put("readable", false);
                n.put("error", why);
            });
            Documents.print(out, format, doc);
        } else {
            List<List<String>> rows = new ArrayList<>();
            for (CheckReport r : reports) {
                rows.add(List.of(r.id(), Tables.size(r.size()), Integer.toString(r.stripes()),
                        r.weakestStripe() + "/" + r.dataShards(), Integer.toString(r.problems().size()),
                        r.healthy() ? "intact" : r.readable() ? "damaged (readable)" : "UNREADABLE"));
            }
            unreadable.forEach((each, why) -> rows.add(List.of(each, "-", "-", "-", "-", "UNREADABLE: " + why)));
            Tables.print(out, List.of("ID", "SIZE", "STRIPES", "WEAKEST", "PROBLEMS", "STATE"), rows);
            for (CheckReport r : reports) {
                // one line per backend and kind: a dead backend is one line, not one per stripe
                Map<String, List<ChunkProblem>> grouped = new java.util.TreeMap<>();
                for (ChunkProblem p : r.problems()) {
                    grouped.computeIfAbsent(p.backend() + " " + p.kind().name().toLowerCase(java.util.Locale.ROOT),
                            k -> new ArrayList<>()).add(p);
                }
                grouped.forEach((key, list) -> {
                    ChunkProblem first = list.get(0);
                    String stripes = list.size() == 1 ? "stripe " + first.stripe()
                            : list.size() + " chunks, stripes " + list.stream().mapToInt(ChunkProblem::stripe).min().orElse(0)
                                    + "-" + list.stream().mapToInt(ChunkProblem::stripe).max().orElse(0);
                    out.println("  " + r.id() + " on " + first.backend() + ": "
                            + first.kind().name().toLowerCase(java.util.Locale.ROOT) + ", " + stripes
                            + (first.detail().isEmpty() ? "" : " (" + first.detail() + ")"));
                });
            }
        }
        out.flush();
    }
}
