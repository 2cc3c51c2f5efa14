package io.qsctl.provider.local;

import io.qsctl.provider.BackendSpec;
import io.qsctl.provider.Contract;
import io.qsctl.provider.ContractId;
import io.qsctl.provider.Deployment;
import io.qsctl.provider.Farm;
import io.qsctl.provider.Grid;
import io.qsctl.provider.GridException;
import io.qsctl.provider.GridException.Kind;
import io.qsctl.provider.GridInfo;
import io.qsctl.provider.Node;
import io.qsctl.provider.NodeId;
import io.qsctl.provider.NodePage;
import io.qsctl.provider.NodeQuery;
import io.qsctl.provider.PriceQuote;
import io.qsctl.provider.ReservationBatch;
import io.qsctl.provider.Signed;
import io.qsctl.provider.Tft;
import io.qsctl.provider.TwinId;
import io.qsctl.provider.ZdbEndpoint;
import io.qsctl.provider.json.GridProxyJson;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@link Grid} of the embedded grid: a client of a running {@link GridDaemon} over HTTP on
 * loopback. Any number of clients, in any number of processes, may talk to one daemon; they all
 * see the same grid. When the daemon is gone, calls fail with {@code UNAVAILABLE}.
 *
 * <p>Thread-safe (OkHttp is).
 */
public final class LocalGrid implements Grid {

    /** Deploying many backends takes a while on a slow disk; reads are quick. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    private final GridHttp http;

    private LocalGrid(GridHttp http) {
        this.http = http;
    }

    /** Talks to the daemon of {@code home} (it must run: see {@link LocalGridLauncher#ensureRunning}). */
    public static LocalGrid connect(Path home) {
        GridFile file = GridFile.read(home).orElseThrow(() -> new GridException(Kind.UNAVAILABLE,
                "no embedded grid runs in " + home + "; start it with 'qsctl grid up'"));
        return connect(file, home);
    }

    public static LocalGrid connect(GridFile file, Path home) {
        return new LocalGrid(new GridHttp(file.url(), Optional.empty(), CALL_TIMEOUT, "grid home " + home));
    }

    /** Talks to a grid at this URL (tests, or a grid another tool started). */
    public static LocalGrid at(String url) {
        return new LocalGrid(new GridHttp(url, Optional.empty(), CALL_TIMEOUT, url));
    }

    @Override
    public GridInfo info() {
        return new GridInfo(SignedPayloads.NETWORK, http.baseUrl());
    }

    @Override
    public Instant now() {
        return Instant.parse(http.get("/time").path("now").asString());
    }

    @Override
    public NodePage nodes(NodeQuery query) {
        Map<String, String> parameters = new java.util.LinkedHashMap<>(query.toParameters());
        parameters.put("ret_count", "true");
        GridHttp.Answer answer = http.get("/nodes", parameters);
        List<Node> nodes = GridProxyJson.nodes(answer.body());
        long total = Optional.ofNullable(answer.headers().get("count")).map(Long::parseLong).orElse((long) nodes.size());
        return new NodePage(nodes, total);
    }

    @Override
    public Optional<Node> node(NodeId id) {
        return notFoundAsEmpty(() -> GridProxyJson.node(http.get("/nodes/" + id.value())));
    }

    @Override
    public List<Farm> farms() {
        List<Farm> out = new ArrayList<>();
        http.get("/farms").forEach(f -> out.add(GridProxyJson.farm(f)));
        return out;
    }

    @Override
    public Optional<TwinId> twin(String publicKeyHex) {
        JsonNode twins = http.get("/twins", Map.of("public_key", publicKeyHex)).body();
        return twins.isEmpty() ? Optional.empty() : Optional.of(GridProxyJson.twinId(twins.get(0)));
    }

    @Override
    public TwinId createTwin(String publicKeyHex) {
        ObjectNode body = WireJson.object();
        body.put("public_key", publicKeyHex);
        return GridProxyJson.twinId(http.post("/twins", body));
    }

    @Override
    public Tft balance(TwinId twin) {
        return Tft.parse(http.get("/twins/" + twin.value() + "/balance").path("free").asString());
    }

    /** What the twin's contracts in grace owe. */
    public Tft debt(TwinId twin) {
        return Tft.parse(http.get("/twins/" + twin.value() + "/balance").path("debt").asString());
    }

    @Override
    public PriceQuote quote(List<BackendSpec> backends) {
        return WireJson.quote(http.post("/quote", WireJson.quoteRequest(backends)));
    }

    @Override
    public List<Contract> contracts(TwinId twin) {
        return GridProxyJson.contracts(http.get("/contracts",
                Map.of("twin_id", Long.toString(twin.value()), "state", "Created,GracePeriod")).body());
    }

    @Override
    public Optional<Contract> contract(ContractId id) {
        return notFoundAsEmpty(() -> GridProxyJson.contract(http.get("/contracts/" + id.value())));
    }

    @Override
    public Optional<ZdbEndpoint> endpoint(ContractId id) {
        return notFoundAsEmpty(() -> WireJson.endpoint(http.get("/contracts/" + id.value() + "/endpoint")));
    }

    @Override
    public List<Contract> reserve(ReservationBatch batch, Signed signature) {
        return GridProxyJson.contracts(http.post("/deployments", WireJson.batch(batch, signature)));
    }

    @Override
    public Contract grow(ContractId contract, Deployment updated, Signed signature) {
        return GridProxyJson.contract(http.post("/contracts/" + contract.value() + "/update",
                WireJson.update(updated, signature)));
    }

    @Override
    public void cancel(ContractId contract, Signed signature) {
        ObjectNode body = WireJson.object();
        body.set("signed", WireJson.signed(signature));
        http.post("/contracts/" + contract.value() + "/cancel", body);
    }

    private static <T> Optional<T> notFoundAsEmpty(java.util.function.Supplier<T> call) {
        try {
            return Optional.of(call.get());
        } catch (GridException e) {
            if (e.kind() == Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
