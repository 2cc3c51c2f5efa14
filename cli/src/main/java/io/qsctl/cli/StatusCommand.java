package io.qsctl.cli;

import io.qsctl.cli.cluster.ClusterOptions;
import io.qsctl.cli.cluster.ClusterSession;
import io.qsctl.cli.cluster.ClusterView;
import io.qsctl.cli.cluster.Tables;
import io.qsctl.cli.output.Documents;
import io.qsctl.cli.output.OutputFormat;
import io.qsctl.provider.Tft;
import io.qsctl.reconciler.Drift;
import io.qsctl.reconciler.ObservedBackend;
import io.qsctl.reconciler.Plan;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code qsctl status}: is the cluster healthy, funded, as declared? */
@Command(name = "status",
        header = "Show the cluster at a glance, changing nothing.",
        description = {
            "Its backends (healthy or lost), changes made outside qsctl, the wallet's balance and how long it "
                    + "covers the contracts."
        })
final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClusterOptions cluster;

    @Override
    public Integer call() {
        QsctlCommand root = (QsctlCommand) spec.root().userObject();
        PrintWriter out = spec.commandLine().getOut();
        try (ClusterSession session = ClusterSession.open(root.context(), root.global(), cluster, spec.commandLine().getErr())) {
            ClusterView view = ClusterView.of(session);
            var observation = view.observation();
            long healthy = observation.backends().stream().filter(b -> !b.dead()).count();
            long lost = observation.backends().size() - healthy;
            var twin = observation.twin();
            Tft balance = twin.map(t -> session.grid().balance(t)).orElse(Tft.ZERO);
            Tft hourly = Tft.ZERO;
            for (ObservedBackend b : observation.backends()) {
                if (b.contractAlive()) {
                    hourly = hourly.plus(session.grid().quote(java.util.List.of(new io.qsctl.provider.BackendSpec(
                            session.spec().name(), b.record().name(), b.record().role(), b.record().node(), b.record().size(),
                            b.record().mode()))).hourly());
                }
            }
            double runwayDays = hourly.units() == 0 ? Double.POSITIVE_INFINITY
                    : (double) balance.units() / hourly.units() / 24.0;
            if (root.global().output() != OutputFormat.TEXT) {
                ObjectNode json = JsonMapper.shared().createObjectNode();
                json.put("cluster", session.spec().name());
                json.put("network", session.spec().spec().network().id());
                json.put("applied", view.exists());
                twin.ifPresent(t -> json.put("twin", t.value()));
                json.put("backends", observation.backends().size());
                json.put("healthy", healthy);
                json.put("lost", lost);
                json.put("balance", balance.toPlainString());
                json.put("hourlyCost", hourly.toPlainString());
                if (Double.isFinite(runwayDays)) {
                    json.put("runwayDays", Math.floor(runwayDays * 10) / 10);
                }
                ArrayNode drift = json.putArray("drift");
                for (Drift d : observation.drift()) {
                    drift.addObject().put("backend", d.backend()).put("kind", d.kind().id()).put("message", d.message());
                }
                Documents.print(out, root.global().output(), json);
                return 0;
            }
            out.println("Cluster " + session.spec().name() + " on network " + session.spec().spec().network().id()
                    + (view.exists() ? "" : " (not applied yet)"));
            out.println("Backends: " + observation.backends().size() + " (" + healthy + " healthy"
                    + (lost > 0 ? ", " + root.style().red(lost + " lost") : "") + ")");
            twin.ifPresent(t -> out.println("Twin:     " + t));
            out.println("Wallet:   " + balance + ", paying " + hourly + "/hour"
                    + (Double.isFinite(runwayDays) ? " (covers " + String.format(java.util.Locale.ROOT, "%.1f", runwayDays)
                    + " days)" : ""));
            if (!observation.drift().isEmpty()) {
                out.println(root.style().yellow(Plan.DRIFT_HEADING + ":"));
                for (Drift d : observation.drift()) {
                    out.println("  ! " + d.backend() + ": " + d.message());
                }
            }
            for (ObservedBackend b : observation.backends()) {
                if (b.dead()) {
                    out.println("  " + root.style().red("lost") + " " + b.record().name() + " on node " + b.record().node()
                            + ": `qsctl apply` replaces it");
                }
            }
            out.flush();
            return 0;
        }
    }
}
