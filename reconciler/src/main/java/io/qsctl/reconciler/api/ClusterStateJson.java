package io.qsctl.reconciler.api;

import io.qsctl.common.QsctlException;
import io.qsctl.provider.BackendRole;
import io.qsctl.provider.ContractId;
import io.qsctl.provider.FarmId;
import io.qsctl.provider.NodeId;
import io.qsctl.provider.TwinId;
import io.qsctl.provider.ZdbMode;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link ClusterState} to and from the state body. The body carries its own {@code version}
 * (separate from the state file's format, which the state module owns): a newer qsctl reads older
 * bodies by upgrading them here; an older qsctl refuses a newer body rather than lose fields.
 */
public final class ClusterStateJson {

    private static final Json JSON = new Json("the state");

    private ClusterStateJson() {
    }

    public static ObjectNode toJson(ClusterState state) {
        ObjectNode root = Json.object();
        root.put("version", state.version());
        root.put("cluster", state.cluster());
        root.put("network", state.network());
        state.twin().ifPresentOrElse(t -> root.put("twin", t.value()), () -> root.putNull("twin"));
        state.specHash().ifPresentOrElse(h -> root.put("specHash", h), () -> root.putNull("specHash"));
        root.put("destroyed", state.destroyed());
        ArrayNode backends = root.putArray("backends");
        for (BackendRecord b : state.backends()) {
            ObjectNode o = backends.addObject();
            o.put("name", b.name());
            o.put("role", b.role().id());
            o.put("node", b.node().value());
            o.put("farm", b.farm().value());
            o.put("country", b.country());
            o.put("size", b.size());
            o.put("mode", b.mode().id());
            o.put("contract", b.contract().value());
            o.put("deploymentHash", b.deploymentHash());
            b.namespace().ifPresentOrElse(n -> o.put("namespace", n), () -> o.putNull("namespace"));
            b.endpoint().ifPresentOrElse(e -> o.put("endpoint", e), () -> o.putNull("endpoint"));
            o.put("status", b.status().id());
            o.put("generation", b.generation());
            o.put("created", b.created().toString());
            o.put("updated", b.updated().toString());
        }
        ArrayNode avoided = root.putArray("avoidedNodes");
        for (AvoidedNode a : state.avoided()) {
            avoided.addObject().put("node", a.node().value()).put("reason", a.reason()).put("until", a.until().toString());
        }
        return root;
    }

    public static ClusterState fromJson(JsonNode root) {
        int version = JSON.integer(root, "version");
        if (version > ClusterState.VERSION) {
            throw QsctlException.invalidInput("the state was written by a newer qsctl (state body version " + version
                    + ", this qsctl reads up to " + ClusterState.VERSION + "); upgrade qsctl");
        }
        List<BackendRecord> backends = new ArrayList<>();
        for (JsonNode o : JSON.array(root, "backends")) {
            backends.add(JSON.convert("backend", () -> new BackendRecord(JSON.text(o, "name"),
                    BackendRole.fromId(JSON.text(o, "role")), new NodeId(JSON.number(o, "node")),
                    new FarmId(JSON.number(o, "farm")), JSON.text(o, "country"), JSON.number(o, "size"),
                    ZdbMode.fromId(JSON.text(o, "mode")), new ContractId(JSON.number(o, "contract")),
                    JSON.text(o, "deploymentHash"), JSON.optionalText(o, "namespace"), JSON.optionalText(o, "endpoint"),
                    BackendStatus.fromId(JSON.text(o, "status")), JSON.integer(o, "generation"),
                    JSON.instant(o, "created"), JSON.instant(o, "updated"))));
        }
        List<AvoidedNode> avoided = new ArrayList<>();
        for (JsonNode a : JSON.array(root, "avoidedNodes")) {
            avoided.add(JSON.convert("avoided node", () -> new AvoidedNode(new NodeId(JSON.number(a, "node")),
                    JSON.text(a, "reason"), JSON.instant(a, "until"))));
        }
        return JSON.convert("state", () -> new ClusterState(ClusterState.VERSION, JSON.text(root, "cluster"),
                JSON.text(root, "network"), JSON.optionalNumber(root, "twin").map(TwinId::new),
                JSON.optionalText(root, "specHash"), backends, avoided, JSON.bool(root, "destroyed")));
    }
}
