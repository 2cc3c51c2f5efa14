package io.qsctl.provider.local;

import io.qsctl.provider.BackendRole;
import io.qsctl.provider.BackendSpec;
import io.qsctl.provider.ContractId;
import io.qsctl.provider.Deployment;
import io.qsctl.provider.NodeId;
import io.qsctl.provider.PriceQuote;
import io.qsctl.provider.ReservationBatch;
import io.qsctl.provider.Signed;
import io.qsctl.provider.Tft;
import io.qsctl.provider.TwinId;
import io.qsctl.provider.ZdbEndpoint;
import io.qsctl.provider.ZdbMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The embedded grid's own request and reply bodies, for what the grid proxy has no route for
 * (on the real grid these go to the chain and to nodes over RMB): deployments with their
 * passwords, signed payloads, quotes, endpoints, balances. Amounts of TFT are decimal strings.
 */
final class WireJson {

    static final JsonMapper JSON = JsonMapper.shared();

    private WireJson() {
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static ObjectNode backend(BackendSpec b) {
        ObjectNode out = object();
        out.put("cluster", b.cluster());
        out.put("name", b.name());
        out.put("role", b.role().id());
        out.put("node", b.node().value());
        out.put("size", b.size());
        out.put("mode", b.mode().id());
        return out;
    }

    static BackendSpec backend(JsonNode json) {
        return new BackendSpec(text(json, "cluster"), text(json, "name"), BackendRole.fromId(text(json, "role")),
                new NodeId(json.path("node").asLong()), json.path("size").asLong(), ZdbMode.fromId(text(json, "mode")));
    }

    /** A deployment with its password: this travels only to the grid on loopback, as it travels only to the node. */
    static ObjectNode deployment(Deployment d) {
        ObjectNode out = backend(d.backend());
        out.put("twin", d.twin().value());
        out.put("password", d.password());
        out.put("metadata", d.metadata());
        return out;
    }

    static Deployment deployment(JsonNode json) {
        return new Deployment(new TwinId(json.path("twin").asLong()), backend(json), text(json, "password"),
                text(json, "metadata"));
    }

    static ObjectNode signed(Signed s) {
        ObjectNode out = object();
        out.put("payload", Base64.getEncoder().encodeToString(s.payload()));
        out.put("signature", s.signatureHex());
        return out;
    }

    static Signed signed(JsonNode json) {
        return new Signed(Base64.getDecoder().decode(text(json, "payload")), text(json, "signature"));
    }

    static ObjectNode batch(ReservationBatch batch, Signed signature) {
        ObjectNode out = object();
        out.put("network", batch.network());
        out.put("id", batch.id());
        out.put("twin", batch.twin().value());
        out.put("hourly_cost", batch.hourlyCost().toPlainString());
        ArrayNode deployments = out.putArray("deployments");
        batch.deployments().forEach(d -> deployments.add(deployment(d)));
        out.set("signed", signed(signature));
        return out;
    }

    static ReservationBatch batch(JsonNode json) {
        List<Deployment> deployments = new ArrayList<>();
        json.path("deployments").forEach(d -> deployments.add(deployment(d)));
        return new ReservationBatch(text(json, "network"), text(json, "id"), new TwinId(json.path("twin").asLong()),
                deployments, Tft.parse(json.path("hourly_cost").asString("0")));
    }

    static ObjectNode update(Deployment updated, Signed signature) {
        ObjectNode out = object();
        out.set("deployment", deployment(updated));
        out.set("signed", signed(signature));
        return out;
    }

    static ObjectNode endpoint(ZdbEndpoint e) {
        ObjectNode out = object();
        out.put("contract_id", e.contract().value());
        out.put("namespace", e.namespace());
        ArrayNode addresses = out.putArray("addresses");
        e.addresses().forEach(addresses::add);
        out.put("port", e.port());
        return out;
    }

    static ZdbEndpoint endpoint(JsonNode json) {
        List<String> addresses = new ArrayList<>();
        json.path("addresses").forEach(a -> addresses.add(a.asString()));
        return new ZdbEndpoint(new ContractId(json.path("contract_id").asLong()), text(json, "namespace"), addresses,
                json.path("port").asInt());
    }

    static ObjectNode quoteRequest(List<BackendSpec> backends) {
        ObjectNode out = object();
        ArrayNode list = out.putArray("backends");
        backends.forEach(b -> list.add(backend(b)));
        return out;
    }

    static List<BackendSpec> quoteBackends(JsonNode json) {
        List<BackendSpec> out = new ArrayList<>();
        json.path("backends").forEach(b -> out.add(backend(b)));
        return out;
    }

    static ObjectNode quote(PriceQuote quote) {
        ObjectNode out = object();
        ArrayNode lines = out.putArray("lines");
        for (PriceQuote.Line line : quote.lines()) {
            ObjectNode l = lines.addObject();
            l.put("backend", line.backend());
            l.put("node", line.node().value());
            l.put("size", line.size());
            l.put("hourly", line.hourly().toPlainString());
        }
        out.put("hourly", quote.hourly().toPlainString());
        out.put("monthly", quote.monthly().toPlainString());
        out.put("expires", quote.expires().toString());
        return out;
    }

    static PriceQuote quote(JsonNode json) {
        List<PriceQuote.Line> lines = new ArrayList<>();
        for (JsonNode l : json.path("lines")) {
            lines.add(new PriceQuote.Line(text(l, "backend"), new NodeId(l.path("node").asLong()), l.path("size").asLong(),
                    Tft.parse(text(l, "hourly"))));
        }
        return new PriceQuote(lines, Tft.parse(text(json, "hourly")), Instant.parse(text(json, "expires")));
    }

    /** A required text field; a missing one is a malformed request. */
    static String text(JsonNode json, String field) {
        JsonNode value = json.path(field);
        if (value.isMissingNode() || value.isNull()) {
            throw new IllegalArgumentException("'" + field + "' is missing");
        }
        return value.asString();
    }
}
