package io.qsctl.reconciler.api;

import io.qsctl.common.DurableFiles;
import io.qsctl.common.DurableFiles.Access;
import io.qsctl.common.QsctlException;
import io.qsctl.provider.BackendRole;
import io.qsctl.provider.ContractId;
import io.qsctl.provider.FarmId;
import io.qsctl.provider.NodeId;
import io.qsctl.provider.Tft;
import io.qsctl.provider.TwinId;
import io.qsctl.provider.ZdbMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The plan file: a {@link Plan} as versioned JSON ({@code "format": "qsctl-plan"},
 * {@code "formatVersion": 1}). It holds no secret (no password, no key, no deployment hash: those
 * are derived when applying), so it can be reviewed, attached to a pull request or archived. The
 * same JSON is what {@code qsctl plan -o json} prints.
 */
public final class PlanFile {

    public static final String FORMAT = "qsctl-plan";

    private static final Json JSON = new Json("the plan file");

    private PlanFile() {
    }

    /** Writes the plan atomically (a temporary file renamed into place). */
    public static void write(Plan plan, Path file) {
        byte[] bytes = (Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(toJson(plan)) + "\n")
                .getBytes(StandardCharsets.UTF_8);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            // owner-only, as the temporary files it used to be written through were
            DurableFiles.replace(file, bytes, Access.OWNER_ONLY);
        } catch (IOException e) {
            throw new QsctlException(io.qsctl.common.ExitCode.ERROR, "cannot write the plan to " + file + ": "
                    + e.getMessage(), e);
        }
    }

    public static Plan read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw QsctlException.invalidInput("no plan file " + file + "; write one with: qsctl plan -f storage.yaml --out "
                    + file);
        } catch (IOException e) {
            throw QsctlException.invalidInput("cannot read the plan file " + file + ": " + e.getMessage());
        }
        try {
            return fromJson(Json.MAPPER.readTree(bytes));
        } catch (JacksonException e) {
            throw QsctlException.invalidInput(file + " is not a qsctl plan file (not JSON)");
        }
    }

    public static ObjectNode toJson(Plan plan) {
        ObjectNode root = Json.object();
        root.put("format", FORMAT);
        root.put("formatVersion", plan.formatVersion());
        root.put("id", plan.id());
        root.put("mode", plan.mode().id());
        root.put("cluster", plan.cluster());
        root.put("network", plan.network());
        root.put("specHash", plan.specHash());
        root.set("state", stateJson(plan.state()));
        plan.twin().ifPresentOrElse(t -> root.put("twin", t.value()), () -> root.putNull("twin"));
        root.put("created", plan.created().toString());
        ArrayNode drift = root.putArray("drift");
        for (Drift d : plan.drift()) {
            ObjectNode o = drift.addObject();
            o.put("backend", d.backend());
            d.contract().ifPresentOrElse(c -> o.put("contract", c.value()), () -> o.putNull("contract"));
            o.put("kind", d.kind().id());
            o.put("message", d.message());
        }
        root.set("actions", actionsJson(plan.actions()));
        ObjectNode quote = root.putObject("quote");
        quote.put("hourlyBefore", plan.quote().hourlyBefore().toPlainString());
        quote.put("hourlyAfter", plan.quote().hourlyAfter().toPlainString());
        quote.put("monthlyDelta", plan.quote().monthlyDelta().toPlainString());
        quote.put("expires", plan.quote().expires().toString());
        ObjectNode lines = quote.putObject("hourlyByNewBackend");
        plan.quote().hourlyByNewBackend().forEach((k, v) -> lines.put(k, v.toPlainString()));
        ArrayNode notes = root.putArray("notes");
        plan.notes().forEach(notes::add);
        return root;
    }

    public static Plan fromJson(JsonNode root) {
        if (!root.isObject() || !FORMAT.equals(root.path("format").asString(""))) {
            throw QsctlException.invalidInput("not a qsctl plan file (no \"format\": \"" + FORMAT + "\")");
        }
        int version = JSON.integer(root, "formatVersion");
        if (version > Plan.FORMAT_VERSION) {
            throw QsctlException.invalidInput("the plan file was written by a newer qsctl (format version " + version
                    + "); apply it with that qsctl, or plan again with this one");
        }
        JsonNode state = JSON.node(root, "state");
        List<Drift> drift = new ArrayList<>();
        for (JsonNode d : JSON.array(root, "drift")) {
            drift.add(JSON.convert("drift", () -> new Drift(JSON.text(d, "backend"),
                    JSON.optionalNumber(d, "contract").map(ContractId::new), Drift.Kind.fromId(JSON.text(d, "kind")),
                    JSON.text(d, "message"))));
        }
        List<Action> actions = new ArrayList<>();
        for (JsonNode a : JSON.array(root, "actions")) {
            actions.add(JSON.convert("action", () -> action(a)));
        }
        JsonNode quote = JSON.node(root, "quote");
        Map<String, Tft> lines = new LinkedHashMap<>();
        JSON.node(quote, "hourlyByNewBackend").properties()
                .forEach(e -> lines.put(e.getKey(), JSON.convert("price", () -> Tft.parse(e.getValue().asString()))));
        List<String> notes = new ArrayList<>();
        JSON.array(root, "notes").forEach(n -> notes.add(n.asString()));
        return JSON.convert("plan", () -> new Plan(version, JSON.text(root, "id"), PlanMode.fromId(JSON.text(root, "mode")),
                JSON.text(root, "cluster"), JSON.text(root, "network"), JSON.text(root, "specHash"),
                new StateBinding(JSON.optionalText(state, "lineage"), JSON.number(state, "serial")),
                JSON.optionalNumber(root, "twin").map(TwinId::new), JSON.instant(root, "created"), drift, actions,
                new PlanQuote(Tft.parse(JSON.text(quote, "hourlyBefore")), Tft.parse(JSON.text(quote, "hourlyAfter")),
                        lines, JSON.instant(quote, "expires")), notes));
    }

    /** The plan id: a hash of what the plan is bound to and does (not of when it was made or its prices). */
    public static String idFor(PlanMode mode, String cluster, String specHash, StateBinding state, List<Action> actions) {
        ObjectNode basis = Json.object();
        basis.put("mode", mode.id());
        basis.put("cluster", cluster);
        basis.put("specHash", specHash);
        basis.set("state", stateJson(state));
        basis.set("actions", actionsJson(actions));
        String hex = SpecHash.sha256Hex(Json.MAPPER.writeValueAsString(basis).getBytes(StandardCharsets.UTF_8));
        return hex.substring(0, 16);
    }

    private static ObjectNode stateJson(StateBinding state) {
        ObjectNode o = Json.object();
        state.lineage().ifPresentOrElse(l -> o.put("lineage", l), () -> o.putNull("lineage"));
        o.put("serial", state.serial());
        return o;
    }

    static ArrayNode actionsJson(List<Action> actions) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (Action a : actions) {
            ObjectNode o = out.addObject();
            o.put("index", a.index());
            o.put("type", a.type());
            o.put("backend", a.backend());
            o.put("role", a.role().id());
            if (a instanceof CreateBackend c) {
                target(o, c.target());
                o.put("size", c.size());
                o.put("mode", c.mode().id());
            } else if (a instanceof GrowBackend g) {
                o.put("contract", g.contract().value());
                o.put("node", g.node().value());
                o.put("fromSize", g.fromSize());
                o.put("toSize", g.toSize());
                o.put("mode", g.mode().id());
            } else if (a instanceof ReplaceBackend r) {
                o.put("oldContract", r.oldContract().value());
                o.put("oldNode", r.oldNode().value());
                target(o, r.target());
                o.put("size", r.size());
                o.put("mode", r.mode().id());
                o.put("reason", r.reason().id());
                o.put("why", r.why());
            } else if (a instanceof DeleteBackend d) {
                o.put("contract", d.contract().value());
                o.put("node", d.node().value());
                o.put("size", d.size());
                o.put("reason", d.reason().id());
            }
            o.put("description", a.describe());
        }
        return out;
    }

    private static void target(ObjectNode o, NodeChoice target) {
        o.put("node", target.node().value());
        o.put("farm", target.farm().value());
        o.put("country", target.country());
    }

    private static Action action(JsonNode o) {
        int index = JSON.integer(o, "index");
        String backend = JSON.text(o, "backend");
        BackendRole role = BackendRole.fromId(JSON.text(o, "role"));
        String type = JSON.text(o, "type");
        return switch (type) {
            case "create" -> new CreateBackend(index, backend, role, target(o), JSON.number(o, "size"),
                    ZdbMode.fromId(JSON.text(o, "mode")));
            case "grow" -> new GrowBackend(index, backend, role, new ContractId(JSON.number(o, "contract")),
                    new NodeId(JSON.number(o, "node")), JSON.number(o, "fromSize"), JSON.number(o, "toSize"),
                    ZdbMode.fromId(JSON.text(o, "mode")));
            case "replace" -> new ReplaceBackend(index, backend, role, new ContractId(JSON.number(o, "oldContract")),
                    new NodeId(JSON.number(o, "oldNode")), target(o), JSON.number(o, "size"),
                    ZdbMode.fromId(JSON.text(o, "mode")), ReplaceBackend.Reason.fromId(JSON.text(o, "reason")),
                    JSON.text(o, "why"));
            case "delete" -> new DeleteBackend(index, backend, role, new ContractId(JSON.number(o, "contract")),
                    new NodeId(JSON.number(o, "node")), JSON.number(o, "size"),
                    DeleteBackend.Reason.fromId(JSON.text(o, "reason")));
            default -> throw new IllegalArgumentException("unknown action type '" + type + "'");
        };
    }

    private static NodeChoice target(JsonNode o) {
        return new NodeChoice(new NodeId(JSON.number(o, "node")), new FarmId(JSON.number(o, "farm")),
                JSON.text(o, "country"));
    }

}
