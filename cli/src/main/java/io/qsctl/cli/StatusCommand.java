package io.qsctl.cli;

import io.qsctl.cli.cluster.ClusterSession;
import io.qsctl.cli.cluster.ClusterView;
import io.qsctl.cli.cluster.PlanPrinter;
import io.qsctl.cli.cluster.Remedies;
import io.qsctl.cli.output.Documents;
import io.qsctl.cli.output.OutputFormat;
import io.qsctl.common.Sizes;
import io.qsctl.cli.output.Style;
import io.qsctl.cli.status.BackendCheck;
import io.qsctl.cli.status.CapacityReport;
import io.qsctl.cli.status.Condition;
import io.qsctl.cli.status.ConditionLog;
import io.qsctl.cli.status.Health;
import io.qsctl.cli.status.StatusAssessment;
import io.qsctl.cli.status.StatusReport;
import io.qsctl.common.IoReasons;
import io.qsctl.provider.BackendSpec;
import io.qsctl.provider.Tft;
import io.qsctl.reconciler.api.Drift;
import io.qsctl.reconciler.api.Observation;
import io.qsctl.reconciler.api.ObservedBackend;
import io.qsctl.reconciler.api.Plan;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code qsctl status}: is the cluster healthy, funded, as declared? For people and for monitoring. */
@Command(name = "status",
        header = "Show the cluster at a glance, changing nothing.",
        description = {
            "Each backend is asked directly on its node; shows used and free space, changes made outside qsctl, "
                    + "the wallet and how long it pays. The exit code says whether anything needs doing, for "
                    + "monitoring; -o json|yaml adds kubectl-style conditions."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:healthy: nothing to do",
            "1:the status could not be determined (grid or state unreadable)",
            "5:needs attention, data safe: a backend lost or unreachable within what redundancy covers, drift,"
                    + " a contract in grace, a runway shorter than the alert, little room left, not applied",
            "6:critical: data at risk or writes stop: too few data backends for a write, metadata short of its"
                    + " write quorum, no room, or an empty wallet with contracts to pay",
            "64:usage error"})
final class StatusCommand extends ClusterCommand {

    private static final Logger LOG = LoggerFactory.getLogger(StatusCommand.class);

    @Override
    public Integer call() {
        PrintWriter out = out();
        try (ClusterSession session = openSession()) {
            ClusterView view = ClusterView.probing(session);
            Tft balance = view.observation().twin().map(t -> session.grid().balance(t)).orElse(Tft.ZERO);
            Tft hourly = hourly(session, view);
            Remedies remedies = Remedies.of(session);
            StatusReport report = StatusAssessment.assess(session.spec(), view, balance, hourly, remedies);
            report = report.withConditions(stamped(session, report));
            if (global().output() == OutputFormat.JSON || global().output() == OutputFormat.YAML) {
                Documents.print(out, global().output(), json(report, view.observation()));
            } else {
                text(report, remedies, style(), out);
            }
            out.flush();
            return report.health().exitCode().code();
        }
    }

    /** What the live contracts cost per hour, priced now. */
    private static Tft hourly(ClusterSession session, ClusterView view) {
        List<BackendSpec> paid = new ArrayList<>();
        for (ObservedBackend b : view.observation().backends()) {
            if (b.contractAlive()) {
                var r = b.record();
                paid.add(new BackendSpec(session.spec().name(), r.name(), r.role(), r.node(), r.size(), r.mode()));
            }
        }
        return paid.isEmpty() ? Tft.ZERO : session.grid().quote(paid).hourly();
    }

    /**
     * The conditions with their transition times, recorded in the cluster's state directory when
     * the cluster is applied (a status of a cluster that is not keeps no file for it).
     */
    private static List<Condition> stamped(ClusterSession session, StatusReport report) {
        ConditionLog log = new ConditionLog(session.stateDir());
        Instant now = Instant.now();
        if (!report.applied() || report.destroyed() || !Files.isDirectory(session.stateDir())) {
            return report.conditions().stream().map(c -> c.since(now)).toList();
        }
        try {
            List<Condition> stamped = log.stamp(report.conditions(), now);
            log.save(stamped);
            return stamped;
        } catch (UncheckedIOException e) {
            LOG.warn("cannot record when the conditions changed in {}: {}; since shows this run's time", log.file(),
                    IoReasons.of(e));
            return report.conditions().stream().map(c -> c.since(now)).toList();
        }
    }

    static ObjectNode json(StatusReport report, Observation observation) {
        ObjectNode json = JsonMapper.shared().createObjectNode();
        json.put("cluster", report.cluster());
        json.put("network", report.network());
        json.put("applied", report.applied());
        json.put("destroyed", report.destroyed());
        json.put("health", report.health().id());
        json.put("exitCode", report.health().exitCode().code());
        ArrayNode conditions = json.putArray("conditions");
        for (Condition c : report.conditions()) {
            conditions.addObject().put("type", c.type()).put("status", c.status().id()).put("reason", c.reason())
                    .put("message", c.message()).put("since", c.since().map(Instant::toString).orElse(null));
        }
        ObjectNode counts = json.putObject("backendCounts");
        counts.put("total", report.serving().size());
        for (BackendCheck.State s : BackendCheck.State.values()) {
            if (s != BackendCheck.State.RETIRING) {
                counts.put(camel(s.id()), report.count(s));
            }
        }
        // the backend shape of `get backends`, with what status judged and measured added
        ArrayNode backends = json.putArray("backends");
        for (BackendCheck b : report.backends()) {
            ObjectNode n = observation.of(b.record()).map(GetCommand::backendJson)
                    .orElseThrow(() -> new IllegalStateException("status judged " + b.name() + ", which was not observed"));
            n.put("health", b.state().id());
            n.put("healthReason", b.reason());
            if (b.usedBytes().isPresent()) {
                n.put("usedBytes", b.usedBytes().getAsLong());
            } else {
                n.putNull("usedBytes");
            }
            if (b.limitBytes().isPresent()) {
                n.put("limitBytes", b.limitBytes().getAsLong());
            } else {
                n.putNull("limitBytes");
            }
            backends.add(n);
        }
        if (report.capacity().isPresent()) {
            CapacityReport c = report.capacity().get();
            ObjectNode n = json.putObject("capacity");
            n.put("usedBytes", c.usedBytes());
            n.put("limitBytes", c.limitBytes());
            n.put("freeBytes", c.freeBytes());
            n.put("usableBytes", c.usableBytes());
            n.put("largestObjectBytes", c.largestObjectBytes());
            n.put("dataBackendsAnswered", c.answered());
            n.put("dataBackends", c.dataBackends());
            n.put("writableDataBackends", c.room().writableBackends());
            n.put("dataBackendsPerWrite", c.room().minShardsPerWrite());
        } else {
            json.putNull("capacity");
        }
        report.twin().ifPresentOrElse(t -> json.put("twin", t.value()), () -> json.putNull("twin"));
        json.put("balance", report.balance().toPlainString());
        json.put("hourlyCost", report.hourly().toPlainString());
        if (report.runwayDays().isPresent()) {
            json.put("runwayDays", Math.floor(report.runwayDays().getAsDouble() * 10) / 10);
        } else {
            json.putNull("runwayDays");
        }
        ArrayNode drift = json.putArray("drift");
        for (Drift d : report.drift()) {
            ObjectNode n = drift.addObject().put("backend", d.backend());
            d.contract().ifPresentOrElse(c -> n.put("contract", c.value()), () -> n.putNull("contract"));
            n.put("kind", d.kind().id()).put("message", d.message()).put("replacedByApply", d.kind().replacedByApply());
        }
        return json;
    }

    private static String camel(String id) {
        int dash = id.indexOf('-');
        return dash < 0 ? id : id.substring(0, dash) + Character.toUpperCase(id.charAt(dash + 1)) + id.substring(dash + 2);
    }

    private static void text(StatusReport report, Remedies remedies, Style style, PrintWriter out) {
        out.println("Cluster " + report.cluster() + " on network " + report.network()
                + (!report.applied() ? " (not applied yet)" : report.destroyed() ? " (destroyed)" : ""));
        String verdict = switch (report.health()) {
            case HEALTHY -> style.green("healthy");
            case ATTENTION -> style.yellow("needs attention");
            case CRITICAL -> style.red("CRITICAL");
        };
        Condition ready = report.conditions().get(0);
        out.println("Health:   " + verdict + " (exit code " + report.health().exitCode().code() + ")"
                + (report.health() == Health.HEALTHY ? "" : ": " + ready.reason()));
        List<String> counts = new ArrayList<>();
        for (BackendCheck.State s : BackendCheck.State.values()) {
            long n = report.count(s);
            if (s != BackendCheck.State.RETIRING && (n > 0 || s == BackendCheck.State.HEALTHY)) {
                String part = n + " " + s.id().replace('-', ' ');
                counts.add(s == BackendCheck.State.HEALTHY ? part : style.red(part));
            }
        }
        out.println("Backends: " + report.serving().size() + " (" + String.join(", ", counts) + ")");
        report.capacity().ifPresent(c -> out.println("Capacity: " + Sizes.human(c.usedBytes()) + " used of "
                + Sizes.human(c.limitBytes()) + " on the data backends; about " + Sizes.human(c.usableBytes())
                + " more fits (one object of up to " + Sizes.human(c.largestObjectBytes()) + ")"));
        report.twin().ifPresent(t -> out.println("Twin:     " + t));
        out.println("Wallet:   " + report.balance() + ", paying " + report.hourly() + "/hour"
                + (report.runwayDays().isPresent() ? " (covers " + String.format(Locale.ROOT, "%.1f",
                report.runwayDays().getAsDouble()) + " days)" : ""));
        if (!report.drift().isEmpty()) {
            out.println(style.yellow(Plan.DRIFT_HEADING + ":"));
            PlanPrinter.printDrift(report.drift(), report.twin(), style, out, Optional.of(remedies));
        }
        List<Condition> failing = report.conditions().stream().skip(1).filter(c -> !c.holds()).toList();
        if (!failing.isEmpty()) {
            out.println("Conditions not met:");
            for (Condition c : failing) {
                out.println("  " + c.type() + " (" + c.reason() + "): " + c.message());
            }
        }
    }
}
