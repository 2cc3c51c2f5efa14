package io.qsctl.cli.cluster;

import io.qsctl.cli.output.Documents;
import io.qsctl.cli.output.OutputFormat;
import io.qsctl.cli.output.Style;
import io.qsctl.reconciler.api.ApplyEvent;
import io.qsctl.reconciler.api.ApplyListener;
import io.qsctl.reconciler.api.ApplyResult;
import io.qsctl.reconciler.api.Plan;
import io.qsctl.reconciler.api.PlanFile;
import io.qsctl.reconciler.api.PlanMode;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What apply, replace and destroy print as they go. For people: the plan and the closing line on
 * stdout, one line per event on stderr. With {@code -o json|yaml}: a stream of events on stdout
 * (one compact JSON object per line, or one YAML document per event), each with {@code type},
 * {@code time}, {@code cluster} and {@code message}: the plan first, then what happens, then
 * {@code apply_complete} or {@code destroy_complete}. docs/output/shared.json has every event.
 */
public final class EventPrinter implements ApplyListener {

    private final OutputFormat format;
    private final Style style;
    private final String cluster;
    private final PrintWriter out;
    private final PrintWriter err;

    public EventPrinter(OutputFormat format, Style style, String cluster, PrintWriter out, PrintWriter err) {
        this.format = format;
        this.style = style;
        this.cluster = cluster;
        this.out = out;
        this.err = err;
    }

    /** The plan, before anything is done (and before approval is asked). */
    public void plan(Plan plan) {
        plan(plan, Optional.empty());
    }

    /** As {@link #plan(Plan)}, for people with the command that fixes each drift under it. */
    public void plan(Plan plan, Optional<Remedies> remedies) {
        if (!Documents.machine(format)) {
            PlanPrinter.print(plan, style, out, remedies);
            return;
        }
        ObjectNode event = event("plan", plan.summary().line());
        event.set("plan", PlanFile.toJson(plan));
        Documents.event(out, format, event);
    }

    /** The closing event of an apply or destroy that ran. */
    public void done(ApplyResult result) {
        if (!Documents.machine(format)) {
            out.println(style.green(result.summary()));
            out.flush();
            return;
        }
        ObjectNode event = event(result.plan().mode() == PlanMode.DESTROY ? "destroy_complete" : "apply_complete",
                result.summary());
        event.put("serial", result.serial());
        event.put("actionCount", result.done().size());
        event.put("elapsedMs", result.elapsed().toMillis());
        Documents.event(out, format, event);
    }

    @Override
    public void on(ApplyEvent event) {
        if (!Documents.machine(format)) {
            err.println(event.message());
            err.flush();
            return;
        }
        ObjectNode line = event(type(event), event.message());
        if (event instanceof ApplyEvent.ActionStarted e) {
            line.put("backend", e.action().backend());
            line.put("action", e.action().type());
        } else if (event instanceof ApplyEvent.ActionWaiting e) {
            line.put("backend", e.action().backend());
            line.put("action", e.action().type());
            line.put("elapsedMs", e.elapsed().toMillis());
        } else if (event instanceof ApplyEvent.ReplacementReady e) {
            line.put("backend", e.action().backend());
            line.put("action", e.action().type());
            line.put("contract", e.newContract().value());
            line.put("oldContract", e.action().oldContract().value());
        } else if (event instanceof ApplyEvent.ActionDone e) {
            line.put("backend", e.action().backend());
            line.put("action", e.action().type());
            line.put("elapsedMs", e.elapsed().toMillis());
            e.contract().ifPresentOrElse(c -> line.put("contract", c.value()), () -> line.putNull("contract"));
        } else if (event instanceof ApplyEvent.ActionFailed e) {
            line.put("backend", e.action().backend());
            line.put("action", e.action().type());
            line.put("elapsedMs", e.elapsed().toMillis());
            line.put("reason", e.reason());
        } else if (event instanceof ApplyEvent.SigningBatch e) {
            line.put("batch", e.number());
            line.put("of", e.of());
            line.put("payloadBytes", e.batch().signingPayload().length);
        } else if (event instanceof ApplyEvent.Resolved e) {
            line.put("backend", e.backend());
            line.put("key", e.key());
            line.put("outcome", e.outcome());
        }
        // a Note is its message alone
        Documents.event(out, format, line);
    }

    /** What every event starts with, in this order. */
    private ObjectNode event(String type, String message) {
        ObjectNode event = JsonMapper.shared().createObjectNode();
        event.put("type", type);
        event.put("time", Instant.now().toString());
        event.put("cluster", cluster);
        event.put("message", message);
        return event;
    }

    /** {@code ActionStarted} -> {@code action_started}. */
    private static String type(ApplyEvent event) {
        String name = event.getClass().getSimpleName();
        StringBuilder snake = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                snake.append('_');
            }
            snake.append(Character.toLowerCase(c));
        }
        return snake.toString();
    }
}
