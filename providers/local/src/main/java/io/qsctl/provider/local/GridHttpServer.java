package io.qsctl.provider.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.qsctl.provider.Contract;
import io.qsctl.provider.ContractId;
import io.qsctl.provider.ContractState;
import io.qsctl.provider.GridException;
import io.qsctl.provider.GridException.Kind;
import io.qsctl.provider.Node;
import io.qsctl.provider.NodeId;
import io.qsctl.provider.NodePage;
import io.qsctl.provider.NodeQuery;
import io.qsctl.provider.Tft;
import io.qsctl.provider.TwinId;
import io.qsctl.provider.json.GridProxyJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The embedded grid over HTTP on loopback. Reads answer in the grid proxy's routes, parameter
 * names and JSON shapes; what the real grid does through the chain and RMB (twins, deployments,
 * updates, cancellations) has routes of its own; {@code /admin/...} needs the grid's token.
 * Errors are {@code {"error": message, "kind": GridException kind}} with a matching HTTP status.
 */
final class GridHttpServer implements AutoCloseable {

    static final String TOKEN_HEADER = "X-Qsctl-Grid-Token";
    private static final Logger LOG = LoggerFactory.getLogger(GridHttpServer.class);

    private final EmbeddedGrid grid;
    private final String token;
    private final Runnable shutdown;
    private final HttpServer server;
    private final ExecutorService executor;
    private final HttpRoutes routes = new HttpRoutes();

    private GridHttpServer(EmbeddedGrid grid, String token, Runnable shutdown) throws IOException {
        this.grid = grid;
        this.token = token;
        this.shutdown = shutdown;
        // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's
        // delayed ACK: every request then costs ~40 ms (Nagle), which made an apply of 20
        // backends take seconds. The property is read when the server is created.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        this.server = HttpServer.create(new InetSocketAddress(EmbeddedGrid.LOOPBACK, 0), 64);
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "grid-http-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::exchange);
        defineRoutes();
    }

    /** Serves {@code grid} on 127.0.0.1 on a free port; {@code shutdown} runs when an admin asks the daemon to stop. */
    static GridHttpServer start(EmbeddedGrid grid, String token, Runnable shutdown) {
        try {
            GridHttpServer http = new GridHttpServer(grid, token, shutdown);
            http.server.start();
            return http;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + EmbeddedGrid.LOOPBACK, e);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void defineRoutes() {
        routes.get("/health", r -> ok(health()))
                .get("/time", r -> ok(time()))
                .get("/nodes", this::nodes)
                .get("/nodes/{id}", r -> ok(GridProxyJson.nodeWithCapacity(node(r))))
                .get("/nodes/{id}/status", r -> ok(status(node(r))))
                .get("/farms", r -> ok(farms()))
                .get("/twins", this::twins)
                .post("/twins", this::createTwin)
                .get("/twins/{id}/balance", r -> ok(balance(new TwinId(r.pathLong("id")))))
                .get("/contracts", this::contracts)
                .get("/contracts/{id}", r -> ok(contract(contractOf(r))))
                .get("/contracts/{id}/endpoint", this::endpoint)
                .post("/contracts/{id}/update", this::update)
                .post("/contracts/{id}/cancel", this::cancel)
                .post("/deployments", this::deploy)
                .post("/quote", r -> ok(WireJson.quote(grid.quote(WireJson.quoteBackends(r.body())))))
                .admin("/admin/clock/advance", this::advance)
                .admin("/admin/nodes/{id}/stop", r -> ok(GridProxyJson.node(grid.stopNode(nodeId(r)))))
                .admin("/admin/nodes/{id}/start", r -> ok(GridProxyJson.node(grid.startNode(nodeId(r)))))
                .admin("/admin/nodes/{id}/wipe", this::wipe)
                .admin("/admin/twins/{id}/fund", this::fund)
                .admin("/admin/twins/{id}/drain", this::drain)
                .admin("/admin/shutdown", this::shutdown);
    }

    private static HttpRoutes.Reply ok(JsonNode body) {
        return HttpRoutes.Reply.ok(body);
    }

    // ------------------------------------------------------------------ reads, as the grid proxy has them

    private ObjectNode health() {
        EmbeddedGrid.Summary s = grid.summary();
        ObjectNode out = WireJson.object();
        out.put("status", "ok");
        out.put("network", SignedPayloads.NETWORK);
        out.put("time", s.now().toString());
        out.put("time_scale", s.timeScale());
        out.put("farms", s.farms());
        out.put("nodes", s.nodes());
        out.put("nodes_up", s.nodesUp());
        out.put("twins", s.twins());
        out.put("contracts", s.liveContracts());
        return out;
    }

    private ObjectNode time() {
        ObjectNode out = WireJson.object();
        out.put("now", grid.now().toString());
        out.put("time_scale", grid.timeScale());
        return out;
    }

    private HttpRoutes.Reply nodes(HttpRoutes.Request r) {
        Map<String, String> query = new LinkedHashMap<>(r.query());
        boolean count = Boolean.parseBoolean(query.getOrDefault("ret_count", "false"));
        NodeQuery q;
        try {
            q = NodeQuery.fromParameters(query);
        } catch (IllegalArgumentException e) {
            throw new GridException(Kind.INVALID, e.getMessage());
        }
        NodePage page = grid.nodes(q);
        Map<String, String> headers = new LinkedHashMap<>();
        if (count) {
            headers.put("count", Long.toString(page.total()));
            headers.put("size", Integer.toString(q.size()));
            headers.put("pages", Long.toString((page.total() + q.size() - 1) / q.size()));
        }
        return new HttpRoutes.Reply(200, GridProxyJson.nodes(page.nodes()), headers);
    }

    private Node node(HttpRoutes.Request r) {
        NodeId id = nodeId(r);
        return grid.node(id).orElseThrow(() -> new GridException(Kind.NOT_FOUND, "node " + id + " does not exist"));
    }

    private static NodeId nodeId(HttpRoutes.Request r) {
        long id = r.pathLong("id");
        if (id <= 0) {
            throw new GridException(Kind.NOT_FOUND, "node " + id + " does not exist");
        }
        return new NodeId(id);
    }

    private static ObjectNode status(Node node) {
        ObjectNode out = WireJson.object();
        out.put("status", node.status().id());
        return out;
    }

    private ArrayNode farms() {
        ArrayNode out = WireJson.JSON.createArrayNode();
        grid.farms().forEach(f -> out.add(GridProxyJson.farm(f)));
        return out;
    }

    private HttpRoutes.Reply twins(HttpRoutes.Request r) {
        ArrayNode out = WireJson.JSON.createArrayNode();
        String key = r.query().get("public_key");
        String id = r.query().get("twin_id");
        if (key != null) {
            grid.twin(key).ifPresent(t -> out.add(GridProxyJson.twin(t, key.toLowerCase(java.util.Locale.ROOT))));
        } else if (id != null) {
            TwinId twin = new TwinId(parseLong(id));
            grid.publicKey(twin).ifPresent(k -> out.add(GridProxyJson.twin(twin, k)));
        } else {
            throw new GridException(Kind.INVALID, "ask for a twin by public_key or twin_id");
        }
        return ok(out);
    }

    private HttpRoutes.Reply createTwin(HttpRoutes.Request r) {
        String key = WireJson.text(r.body(), "public_key");
        boolean existed = grid.twin(key).isPresent();
        TwinId twin = grid.createTwin(key);
        return new HttpRoutes.Reply(existed ? 200 : 201, GridProxyJson.twin(twin, key.toLowerCase(java.util.Locale.ROOT)),
                Map.of());
    }

    private ObjectNode balance(TwinId twin) {
        ObjectNode out = WireJson.object();
        out.put("twin_id", twin.value());
        out.put("free", grid.balance(twin).toPlainString());
        out.put("debt", grid.debt(twin).toPlainString());
        return out;
    }

    private HttpRoutes.Reply contracts(HttpRoutes.Request r) {
        Optional<TwinId> twin = Optional.ofNullable(r.query().get("twin_id")).map(v -> new TwinId(parseLong(v)));
        List<ContractState> states = new ArrayList<>();
        for (String s : Optional.ofNullable(r.query().get("state")).orElse("").split(",")) {
            if (!s.isBlank()) {
                states.add(GridProxyJson.state(s.strip()));
            }
        }
        Optional<Long> id = Optional.ofNullable(r.query().get("contract_id")).map(GridHttpServer::parseLong);
        ArrayNode out = WireJson.JSON.createArrayNode();
        for (Contract c : grid.allContracts(twin)) {
            if ((states.isEmpty() || states.contains(c.state())) && (id.isEmpty() || id.get() == c.id().value())) {
                out.add(contract(c));
            }
        }
        return ok(out);
    }

    private Contract contractOf(HttpRoutes.Request r) {
        ContractId id = contractId(r);
        return grid.contract(id).orElseThrow(() -> new GridException(Kind.NOT_FOUND, "contract " + id + " does not exist"));
    }

    private static ContractId contractId(HttpRoutes.Request r) {
        long id = r.pathLong("id");
        if (id <= 0) {
            throw new GridException(Kind.NOT_FOUND, "contract " + id + " does not exist");
        }
        return new ContractId(id);
    }

    private ObjectNode contract(Contract c) {
        return GridProxyJson.contract(c, grid.farmOfNode(c.node()));
    }

    private HttpRoutes.Reply endpoint(HttpRoutes.Request r) {
        ContractId id = contractId(r);
        return ok(WireJson.endpoint(grid.endpoint(id).orElseThrow(
                () -> new GridException(Kind.NOT_FOUND, "contract " + id + " has no live deployment"))));
    }

    // ------------------------------------------------------------------ changes, signed by the twin

    private HttpRoutes.Reply deploy(HttpRoutes.Request r) {
        requireLoopback(r);
        List<Contract> made = grid.reserve(WireJson.batch(r.body()), WireJson.signed(r.body().path("signed")));
        ArrayNode out = WireJson.JSON.createArrayNode();
        made.forEach(c -> out.add(contract(c)));
        return ok(out);
    }

    private HttpRoutes.Reply update(HttpRoutes.Request r) {
        requireLoopback(r);
        Contract grown = grid.grow(contractId(r), WireJson.deployment(r.body().path("deployment")),
                WireJson.signed(r.body().path("signed")));
        return ok(contract(grown));
    }

    private HttpRoutes.Reply cancel(HttpRoutes.Request r) {
        ContractId id = contractId(r);
        grid.cancel(id, WireJson.signed(r.body().path("signed")));
        return ok(contract(grid.contract(id).orElseThrow()));
    }

    /** Passwords travel in deployments; they may come only from this machine (the server listens nowhere else anyway). */
    private static void requireLoopback(HttpRoutes.Request r) {
        if (r.remote() == null || !r.remote().getAddress().isLoopbackAddress()) {
            throw new GridException(Kind.INVALID, "deployments are accepted from loopback only");
        }
    }

    // ------------------------------------------------------------------ admin

    private HttpRoutes.Reply advance(HttpRoutes.Request r) {
        String text = WireJson.text(r.body(), "duration");
        Duration by;
        try {
            by = Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new GridException(Kind.INVALID, "'" + text + "' is not an ISO-8601 duration (PT12H, P30D)");
        }
        grid.advance(by);
        return ok(time());
    }

    private HttpRoutes.Reply wipe(HttpRoutes.Request r) {
        int removed = grid.wipeNode(nodeId(r));
        ObjectNode out = WireJson.object();
        out.put("node", nodeId(r).value());
        out.put("namespaces_removed", removed);
        return ok(out);
    }

    private HttpRoutes.Reply fund(HttpRoutes.Request r) {
        TwinId twin = new TwinId(r.pathLong("id"));
        grid.fund(twin, amount(WireJson.text(r.body(), "amount")));
        return ok(balance(twin));
    }

    private HttpRoutes.Reply drain(HttpRoutes.Request r) {
        TwinId twin = new TwinId(r.pathLong("id"));
        JsonNode amount = r.body().path("amount");
        grid.drain(twin, amount.isMissingNode() || amount.isNull() ? Optional.empty() : Optional.of(amount(amount.asString())));
        return ok(balance(twin));
    }

    private static Tft amount(String text) {
        try {
            return Tft.parse(text);
        } catch (IllegalArgumentException e) {
            throw new GridException(Kind.INVALID, "'" + text + "' is not an amount of TFT (at most 7 decimals)");
        }
    }

    /** Answers first, then stops: the caller learns that the daemon heard it. */
    private HttpRoutes.Reply shutdown(HttpRoutes.Request r) {
        ObjectNode out = WireJson.object();
        out.put("status", "stopping");
        return new HttpRoutes.Reply(200, out, Map.of(), () -> new Thread(shutdown, "grid-shutdown").start());
    }

    // ------------------------------------------------------------------ plumbing

    private void exchange(HttpExchange exchange) {
        HttpRoutes.Reply reply;
        try {
            reply = route(exchange);
        } catch (GridException e) {
            reply = error(e.kind(), e.getMessage());
        } catch (IllegalArgumentException | JacksonException e) {
            reply = error(Kind.INVALID, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            reply = error(Kind.UNAVAILABLE, "the embedded grid failed: " + e);
        }
        send(exchange, reply);
        reply.afterSent().run();
    }

    private HttpRoutes.Reply route(HttpExchange exchange) {
        List<String> path = HttpRoutes.segments(exchange.getRequestURI().getRawPath());
        String method = exchange.getRequestMethod();
        Optional<HttpRoutes.Match> match = routes.match(method, path);
        if (match.isEmpty()) {
            return routes.pathExists(path)
                    ? new HttpRoutes.Reply(405, errorBody(Kind.INVALID, method + " is not allowed on " + exchange.getRequestURI().getPath()), Map.of())
                    : error(Kind.NOT_FOUND, "no route " + exchange.getRequestURI().getPath());
        }
        Optional<String> given = Optional.ofNullable(exchange.getRequestHeaders().getFirst(TOKEN_HEADER));
        if (match.get().access() == HttpRoutes.Access.ADMIN && !tokenMatches(given)) {
            return new HttpRoutes.Reply(403, errorBody(Kind.INVALID,
                    "admin calls need the grid's token (" + TOKEN_HEADER + ", from grid.json)"), Map.of());
        }
        HttpRoutes.Request request = new HttpRoutes.Request(method, path, match.get().params(),
                HttpRoutes.query(exchange.getRequestURI().getRawQuery()), body(exchange), exchange.getRemoteAddress(), given);
        return match.get().handler().handle(request);
    }

    private boolean tokenMatches(Optional<String> given) {
        return given.isPresent() && MessageDigest.isEqual(given.get().getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode body(HttpExchange exchange) {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(GridLimits.MAX_REQUEST_BYTES + 1);
            if (bytes.length > GridLimits.MAX_REQUEST_BYTES) {
                throw new GridException(Kind.INVALID, "a request body is at most "
                        + GridLimits.MAX_REQUEST_BYTES / (1024 * 1024) + " MiB");
            }
            return bytes.length == 0 ? WireJson.object() : WireJson.JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpRoutes.Reply error(Kind kind, String message) {
        return new HttpRoutes.Reply(statusOf(kind), errorBody(kind, message), Map.of());
    }

    private static ObjectNode errorBody(Kind kind, String message) {
        ObjectNode out = WireJson.object();
        out.put("error", message == null ? kind.name() : message);
        out.put("kind", kind.name());
        return out;
    }

    /** The HTTP status for each kind; the client reads the kind from the body, the status is for people and curl. */
    static int statusOf(Kind kind) {
        return switch (kind) {
            case INVALID -> 400;
            case BAD_SIGNATURE -> 401;
            case INSUFFICIENT_FUNDS -> 402;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case NODE_REFUSED -> 422;
            case UNAVAILABLE -> 503;
            case NODE_UNREACHABLE -> 504;
        };
    }

    private static void send(HttpExchange exchange, HttpRoutes.Reply reply) {
        try (exchange) {
            byte[] body = WireJson.JSON.writeValueAsBytes(reply.body());
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            exchange.sendResponseHeaders(reply.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException e) {
            LOG.debug("client went away: {}", e.toString());
        }
    }

    private static long parseLong(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new GridException(Kind.INVALID, "'" + text + "' is not a number");
        }
    }

    /**
     * Stops accepting requests and closes connections at once (waiting would wait for idle
     * keep-alive connections too). A change under way still completes: the grid closes only once
     * its lock is free.
     */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
