package io.qsctl.cli.grid;

import io.qsctl.cli.output.Documents;
import io.qsctl.cli.output.OutputFormat;
import io.qsctl.provider.local.GridFile;
import io.qsctl.provider.local.GridStatus;
import java.io.PrintWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** A grid's status for people (a few lines) and scripts (one document). The admin token is never shown. */
public final class GridReport {

    private GridReport() {
    }

    public static void print(PrintWriter out, OutputFormat format, GridStatus status) {
        if (format == OutputFormat.TEXT) {
            text(out, status);
        } else {
            Documents.print(out, format, document(status));
        }
        out.flush();
    }

    private static void text(PrintWriter out, GridStatus status) {
        if (status.silent()) {
            GridFile d = status.daemon().orElseThrow();
            out.println("grid: not answering (home " + status.home() + ")");
            out.println("  pid         " + d.pid() + " holds the home, "
                    + (status.suspended() ? "stopped by a signal (SIGSTOP or Ctrl-Z)" : "alive but did not answer within 5 s"));
            out.println("  started     " + d.started());
            out.println("  next        " + (status.suspended() ? "'kill -CONT " + d.pid() + "' lets it go on; " : "")
                    + "'qsctl grid down' stops it");
            return;
        }
        if (!status.running()) {
            out.println("grid: not running (home " + status.home() + ")");
            return;
        }
        GridFile d = status.daemon().orElseThrow();
        GridStatus.Health h = status.grid().orElseThrow();
        out.println("grid: running at " + d.url() + " (pid " + d.pid() + ", qsctl " + d.version() + ")");
        out.println("  home        " + status.home());
        out.println("  grid time   " + h.time() + " (time scale " + h.timeScale() + ")");
        out.println("  nodes       " + h.nodes() + " in " + h.farms() + " farms, " + h.nodesUp() + " up");
        out.println("  contracts   " + h.contracts() + " live, " + h.twins() + " twins");
        out.println("  started     " + d.started());
    }

    public static ObjectNode document(GridStatus status) {
        ObjectNode doc = JsonMapper.shared().createObjectNode();
        doc.put("running", status.running());
        // running answers; silent and suspended hold the home without answering; stopped is no daemon
        doc.put("daemonState", status.running() ? "running" : status.suspended() ? "suspended" : status.silent() ? "silent"
                : "stopped");
        doc.put("home", status.home().toString());
        status.daemon().ifPresent(d -> {
            doc.put("pid", d.pid());
            doc.put("url", d.url());
            doc.put("port", d.port());
            doc.put("version", d.version());
            doc.put("started", d.started().toString());
        });
        status.grid().ifPresent(h -> {
            doc.put("gridTime", h.time().toString());
            doc.put("timeScale", h.timeScale());
            // counts are named ...Count: elsewhere `nodes` and `contracts` are lists, and a key means one thing
            doc.put("farmCount", h.farms());
            doc.put("nodeCount", h.nodes());
            doc.put("nodesUp", h.nodesUp());
            doc.put("twinCount", h.twins());
            doc.put("contractCount", h.contracts());
        });
        return doc;
    }
}
