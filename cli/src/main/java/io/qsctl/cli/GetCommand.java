package io.qsctl.cli;

import io.qsctl.cli.cluster.ClusterSession;
import io.qsctl.cli.cluster.ClusterView;
import io.qsctl.cli.cluster.Tables;
import io.qsctl.cli.output.Documents;
import io.qsctl.cli.output.OutputFormat;
import io.qsctl.common.QsctlException;
import io.qsctl.provider.Contract;
import io.qsctl.provider.Node;
import io.qsctl.provider.json.GridProxyJson;
import io.qsctl.reconciler.api.ObservedBackend;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code qsctl get backends|nodes|contracts}: what the cluster has, as the state and the grid say. */
@Command(name = "get",
        header = "List the cluster's backends, the nodes they are on, or their contracts.",
        description = {
            "Each is shown as the state records it and as the grid reports it now. -o wide adds columns; -o "
                    + "json and -o yaml are for scripts."
        })
final class GetCommand extends ClusterCommand {

    enum Kind { backends, nodes, contracts }

    @Parameters(index = "0", paramLabel = "KIND", description = "${COMPLETION-CANDIDATES}")
    Kind kind;

    @Option(names = "--wide", description = "More columns in text output (same as -o wide).")
    boolean wide;

    @Override
    public Integer call() {
        PrintWriter out = out();
        OutputFormat format = global().output();
        boolean wideText = wide || global().wide();
        try (ClusterSession session = openSession()) {
            ClusterView view = ClusterView.of(session);
            if (!view.exists()) {
                throw QsctlException.invalidInput("cluster " + session.spec().name() + " has not been applied yet "
                        + "(no state in " + session.stateDir() + "): run `qsctl apply -f " + session.specName() + "`");
            }
            String name = session.spec().name();
            switch (kind) {
                case backends -> backends(view, format, wideText, out);
                case nodes -> nodes(name, view, format, out);
                case contracts -> contracts(name, view, format, out);
            }
            out.flush();
            return 0;
        }
    }

    static ObjectNode backendJson(ObservedBackend b) {
        var r = b.record();
        ObjectNode n = JsonMapper.shared().createObjectNode();
        n.put("name", r.name());
        n.put("role", r.role().id());
        n.put("nodeId", r.node().value());
        n.put("farmId", r.farm().value());
        n.put("country", r.country());
        n.put("namespace", r.namespace().orElse(null));
        n.put("endpoint", r.endpoint().orElse(null));
        n.put("size", r.size());
        n.put("mode", r.mode().id());
        n.put("contract", r.contract().value());
        n.put("contractState", b.contract().map(c -> c.state().id()).orElse("unknown"));
        n.put("status", r.status().name().toLowerCase(java.util.Locale.ROOT));
        n.put("nodeStatus", b.node().map(x -> x.status().id()).orElse("gone"));
        n.put("generation", r.generation());
        n.put("created", r.created().toString());
        return n;
    }

    private static void backends(ClusterView view, OutputFormat format, boolean wide, PrintWriter out) {
        if (Documents.machine(format)) {
            ArrayNode all = JsonMapper.shared().createArrayNode();
            view.observation().backends().forEach(b -> all.add(backendJson(b)));
            ObjectNode doc = JsonMapper.shared().createObjectNode();
            doc.put("cluster", view.state().cluster());
            doc.set("backends", all);
            Documents.print(out, format, doc);
            return;
        }
        List<String> header = new ArrayList<>(List.of("NAME", "ROLE", "NODE", "COUNTRY", "SIZE", "STATE", "NODE-STATUS"));
        if (wide) {
            header.addAll(List.of("FARM", "CONTRACT", "NAMESPACE", "ENDPOINT", "MODE", "GEN"));
        }
        List<List<String>> rows = new ArrayList<>();
        for (ObservedBackend b : view.observation().backends()) {
            var r = b.record();
            List<String> row = new ArrayList<>(List.of(r.name(), r.role().id(), r.node().toString(), r.country(),
                    Tables.size(r.size()), b.contract().map(c -> c.state().id()).orElse("unknown"),
                    b.node().map(n -> n.status().id()).orElse("gone")));
            if (wide) {
                row.addAll(List.of(r.farm().toString(), r.contract().toString(), r.namespace().orElse("-"),
                        r.endpoint().orElse("-"), r.mode().id(), Integer.toString(r.generation())));
            }
            rows.add(row);
        }
        Tables.print(out, header, rows);
    }

    private static void nodes(String cluster, ClusterView view, OutputFormat format, PrintWriter out) {
        Map<Long, Node> nodes = new LinkedHashMap<>();
        view.observation().backends().forEach(b -> b.node().ifPresent(n -> nodes.put(n.id().value(), n)));
        if (Documents.machine(format)) {
            ObjectNode doc = JsonMapper.shared().createObjectNode();
            doc.put("cluster", cluster);
            ArrayNode all = doc.putArray("nodes");
            nodes.values().forEach(n -> all.add(GridProxyJson.node(n)));
            Documents.print(out, format, doc);
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (Node n : nodes.values()) {
            rows.add(List.of(n.id().toString(), n.farmName(), n.country(), n.city(), n.status().id(),
                    Tables.size(n.freeHru()), Tables.size(n.total().hru())));
        }
        Tables.print(out, List.of("NODE", "FARM", "COUNTRY", "CITY", "STATUS", "FREE-HDD", "TOTAL-HDD"), rows);
    }

    private static void contracts(String cluster, ClusterView view, OutputFormat format, PrintWriter out) {
        List<Contract> contracts = new ArrayList<>();
        view.observation().backends().forEach(b -> b.contract().ifPresent(contracts::add));
        if (Documents.machine(format)) {
            ObjectNode doc = JsonMapper.shared().createObjectNode();
            doc.put("cluster", cluster);
            ArrayNode all = doc.putArray("contracts");
            for (Contract c : contracts) {
                ObjectNode n = all.addObject();
                n.put("contractId", c.id().value());
                n.put("twinId", c.twin().value());
                n.put("nodeId", c.node().value());
                n.put("state", c.state().id());
                n.put("size", c.size());
                n.put("deploymentHash", c.deploymentHash());
                n.put("deploymentData", c.deploymentData());
                n.put("created", c.created().toString());
                c.graceSince().ifPresent(g -> n.put("graceSince", g.toString()));
            }
            Documents.print(out, format, doc);
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (Contract c : contracts) {
            rows.add(List.of(c.id().toString(), c.node().toString(), c.state().id(), Tables.size(c.size()),
                    c.created().toString(), c.graceSince().map(Object::toString).orElse("-")));
        }
        Tables.print(out, List.of("CONTRACT", "NODE", "STATE", "SIZE", "CREATED", "GRACE-SINCE"), rows);
    }
}
