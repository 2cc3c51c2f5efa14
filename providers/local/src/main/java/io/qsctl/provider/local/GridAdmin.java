package io.qsctl.provider.local;

import io.qsctl.provider.GridException;
import io.qsctl.provider.GridException.Kind;
import io.qsctl.provider.Node;
import io.qsctl.provider.NodeId;
import io.qsctl.provider.Tft;
import io.qsctl.provider.TwinId;
import io.qsctl.provider.json.GridProxyJson;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What only the owner of a grid home may do to its grid, with the token from {@code grid.json}:
 * move the clock, stop, start and wipe nodes, fund and drain accounts, stop the daemon. None of
 * this exists on the real grid; it is how tests and demos make things happen.
 */
public final class GridAdmin implements AutoCloseable {

    private final GridHttp http;

    private GridAdmin(GridHttp http) {
        this.http = http;
    }

    public static GridAdmin connect(Path home) {
        GridFile file = GridFile.read(home).orElseThrow(() -> new GridException(Kind.UNAVAILABLE,
                "no embedded grid runs in " + home + "; start it with 'qsctl grid up'"));
        return connect(file, home);
    }

    public static GridAdmin connect(GridFile file, Path home) {
        return connect(file, home, LocalGrid.CALL_TIMEOUT);
    }

    /** With a timeout of its own for each call (short where the caller has a fallback). */
    static GridAdmin connect(GridFile file, Path home, Duration callTimeout) {
        return new GridAdmin(new GridHttp(file.url(), Optional.of(file.token()), callTimeout, "grid home " + home));
    }

    /**
     * Where a clock advance stands after a step: {@code done} of {@code total}, the grid time it
     * reached. Everything up to {@code gridTime} is billed and saved.
     */
    public record ClockProgress(Duration done, Duration total, Instant gridTime) {
        public boolean finished() {
            return done.compareTo(total) >= 0;
        }
    }

    /** Moves the grid clock forward; every hour that passes is billed. Returns the new grid time. */
    public Instant advanceClock(Duration by) {
        return advanceClock(by, progress -> { });
    }

    /**
     * Moves the grid clock forward in steps of at most {@link GridLimits#CLOCK_STEP}, one request
     * each, and tells {@code progress} after each: no request lasts long enough for a timeout to
     * cut it, and a caller that stops (Ctrl-C) leaves the grid at the end of a step, billed and
     * saved. At most {@link GridLimits#MAX_CLOCK_ADVANCE}.
     */
    public Instant advanceClock(Duration by, Consumer<ClockProgress> progress) {
        GridLimits.clockAdvance(by).ifPresent(problem -> {
            throw new GridException(Kind.INVALID, problem);
        });
        Duration done = Duration.ZERO;
        Instant now;
        do {
            Duration left = by.minus(done);
            Duration step = left.compareTo(GridLimits.CLOCK_STEP) > 0 ? GridLimits.CLOCK_STEP : left;
            ObjectNode body = WireJson.object();
            body.put("duration", step.toString());
            now = Instant.parse(http.post("/admin/clock/advance", body).path("now").asString());
            done = done.plus(step);
            progress.accept(new ClockProgress(done, by, now));
        } while (done.compareTo(by) < 0);
        return now;
    }

    public Node stopNode(NodeId node) {
        return GridProxyJson.node(http.post("/admin/nodes/" + node.value() + "/stop", WireJson.object()));
    }

    public Node startNode(NodeId node) {
        return GridProxyJson.node(http.post("/admin/nodes/" + node.value() + "/start", WireJson.object()));
    }

    /** Deletes every namespace on the node; returns how many there were. */
    public int wipeNode(NodeId node) {
        return http.post("/admin/nodes/" + node.value() + "/wipe", WireJson.object()).path("namespaces_removed").asInt();
    }

    /** Transfers {@code amount} to the twin (debts are settled from it); returns the new free balance. */
    public Tft fund(TwinId twin, Tft amount) {
        ObjectNode body = WireJson.object();
        body.put("amount", amount.toPlainString());
        return Tft.parse(http.post("/admin/twins/" + twin.value() + "/fund", body).path("free").asString());
    }

    /** Takes {@code amount} (everything when empty) out of the twin's account; returns what is left. */
    public Tft drain(TwinId twin, Optional<Tft> amount) {
        ObjectNode body = WireJson.object();
        amount.ifPresent(a -> body.put("amount", a.toPlainString()));
        return Tft.parse(http.post("/admin/twins/" + twin.value() + "/drain", body).path("free").asString());
    }

    /** The daemon's health summary (public, but handy here). */
    public JsonNode health() {
        return http.get("/health");
    }

    /** Asks the daemon to stop; it answers first, then stops. */
    public void shutdown() {
        http.post("/admin/shutdown", WireJson.object());
    }

    @Override
    public void close() {
        http.close();
    }
}
