package io.qsctl.cli.cluster;

import io.qsctl.cli.output.OutputFormat;
import io.qsctl.reconciler.ApplyEvent;
import io.qsctl.reconciler.ApplyListener;
import java.io.PrintWriter;
import java.time.Instant;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Progress of an apply: one line per event on stderr for people; with {@code -o json}, one JSON
 * object per event (NDJSON, with a {@code type} and a {@code message}) on stdout for machines.
 */
public final class EventPrinter implements ApplyListener {

    private final PrintWriter err;
    private final PrintWriter out;
    private final boolean json;

    public EventPrinter(OutputFormat format, PrintWriter out, PrintWriter err) {
        this.err = err;
        this.out = out;
        this.json = format == OutputFormat.JSON;
    }

    @Override
    public void on(ApplyEvent event) {
        if (json) {
            ObjectNode line = JsonMapper.shared().createObjectNode();
            line.put("type", type(event));
            line.put("time", Instant.now().toString());
            line.put("message", event.message());
            if (event instanceof ApplyEvent.ActionStarted e) {
                line.put("backend", e.action().backend());
                line.put("action", e.action().type());
            } else if (event instanceof ApplyEvent.ActionDone e) {
                line.put("backend", e.action().backend());
                line.put("action", e.action().type());
                line.put("elapsedMs", e.elapsed().toMillis());
                e.contract().ifPresent(c -> line.put("contract", c.value()));
            } else if (event instanceof ApplyEvent.ActionFailed e) {
                line.put("backend", e.action().backend());
                line.put("action", e.action().type());
                line.put("reason", e.reason());
            } else if (event instanceof ApplyEvent.SigningBatch e) {
                line.put("batch", e.number());
                line.put("of", e.of());
                line.put("payloadBytes", e.batch().signingPayload().length);
            }
            out.println(JsonMapper.shared().writeValueAsString(line));
            out.flush();
        } else {
            err.println(event.message());
            err.flush();
        }
    }

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
