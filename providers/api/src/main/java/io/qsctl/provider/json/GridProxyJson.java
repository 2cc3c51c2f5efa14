package io.qsctl.provider.json;

import io.qsctl.provider.Contract;
import io.qsctl.provider.ContractId;
import io.qsctl.provider.ContractState;
import io.qsctl.provider.Farm;
import io.qsctl.provider.FarmId;
import io.qsctl.provider.Node;
import io.qsctl.provider.NodeId;
import io.qsctl.provider.NodeStatus;
import io.qsctl.provider.Resources;
import io.qsctl.provider.TwinId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Nodes, farms, contracts and twins in the grid proxy's JSON shapes (tfgrid-sdk-go
 * {@code grid-proxy/pkg/types}), both ways. The embedded grid serves these shapes, so a client of
 * the real grid proxy and ours read the same documents.
 *
 * <p>Where the grid proxy has no field for something the {@link Contract} record carries (the
 * backend's size and when a grace period began: on the real grid they come from the node and the
 * chain), the embedded grid adds two fields, {@code size} and {@code grace_since}. They are
 * optional when reading: absent, the size is 0 and the grace start unknown.
 *
 * <p>{@code country} holds what the grid that wrote it holds; the embedded grid writes ISO 3166-1
 * alpha-2 codes ({@code BE}), the real grid proxy writes country names ({@code Belgium}).
 */
public final class GridProxyJson {

    private static final JsonMapper JSON = JsonMapper.shared();

    private GridProxyJson() {
    }

    // ------------------------------------------------------------------ nodes

    /** A node as {@code GET /nodes} lists it: flat {@code total_resources} and {@code used_resources}. */
    public static ObjectNode node(Node node) {
        ObjectNode out = nodeHead(node);
        out.set("total_resources", resources(node.total()));
        out.set("used_resources", resources(node.used()));
        nodeTail(node, out);
        return out;
    }

    /** A node as {@code GET /nodes/{id}} returns it: the capacity nested under {@code capacity}. */
    public static ObjectNode nodeWithCapacity(Node node) {
        ObjectNode out = nodeHead(node);
        ObjectNode capacity = out.putObject("capacity");
        capacity.set("total_resources", resources(node.total()));
        capacity.set("used_resources", resources(node.used()));
        nodeTail(node, out);
        return out;
    }

    public static ArrayNode nodes(List<Node> nodes) {
        ArrayNode out = JSON.createArrayNode();
        nodes.forEach(n -> out.add(node(n)));
        return out;
    }

    /** Reads either node shape. */
    public static Node node(JsonNode json) {
        JsonNode capacity = json.has("capacity") ? json.path("capacity") : json;
        List<String> features = new ArrayList<>();
        json.path("features").forEach(f -> features.add(f.asString()));
        String country = json.path("country").asString(json.path("location").path("country").asString(""));
        String city = json.path("city").asString(json.path("location").path("city").asString(""));
        long twin = json.path("twinId").asLong(0);
        return new Node(new NodeId(json.path("nodeId").asLong()), new FarmId(json.path("farmId").asLong()),
                json.path("farmName").asString(""), twin > 0 ? new TwinId(twin) : null, country, city,
                NodeStatus.fromId(json.path("status").asString("down")), json.path("healthy").asBoolean(false),
                resources(capacity.path("total_resources")), resources(capacity.path("used_resources")),
                json.path("uptime").asLong(0), Instant.ofEpochSecond(json.path("updatedAt").asLong(0)),
                "Certified".equalsIgnoreCase(json.path("certificationType").asString("")),
                price(json.path("price_usd")),
                features);
    }

    public static List<Node> nodes(JsonNode array) {
        List<Node> out = new ArrayList<>();
        array.forEach(n -> out.add(node(n)));
        return out;
    }

    private static ObjectNode nodeHead(Node node) {
        ObjectNode out = JSON.createObjectNode();
        out.put("id", "node-" + node.id().value());
        out.put("nodeId", node.id().value());
        out.put("farmId", node.farmId().value());
        out.put("farmName", node.farmName());
        out.put("twinId", node.twinId() == null ? 0 : node.twinId().value());
        out.put("country", node.country());
        out.put("gridVersion", 3);
        out.put("city", node.city());
        out.put("uptime", node.uptimeSeconds());
        out.put("created", node.updatedAt().getEpochSecond() - node.uptimeSeconds());
        out.put("farmingPolicyId", 1);
        out.put("updatedAt", node.updatedAt().getEpochSecond());
        return out;
    }

    private static void nodeTail(Node node, ObjectNode out) {
        ObjectNode location = out.putObject("location");
        location.put("country", node.country());
        location.put("city", node.city());
        ObjectNode publicConfig = out.putObject("publicConfig");
        for (String field : List.of("domain", "gw4", "gw6", "ipv4", "ipv6")) {
            publicConfig.put(field, "");
        }
        out.put("status", node.status().id());
        out.put("certificationType", node.certified() ? "Certified" : "Diy");
        out.put("dedicated", false);
        out.put("inDedicatedFarm", false);
        out.put("rentContractId", 0);
        out.put("rented", false);
        out.put("rentable", node.status() == NodeStatus.UP);
        out.put("rentedByTwinId", 0);
        out.put("serialNumber", "");
        ObjectNode power = out.putObject("power");
        String state = node.status() == NodeStatus.STANDBY ? "Down" : "Up";
        power.put("state", state);
        power.put("target", state);
        out.put("num_gpu", 0);
        out.put("extraFee", 0);
        out.put("healthy", node.healthy());
        out.put("price_usd", node.priceUsd());
        out.put("farm_free_ips", 0);
        ArrayNode features = out.putArray("features");
        node.features().forEach(features::add);
    }

    /** Read from the text, so 12.34 stays 12.34 and does not pass through a double. */
    private static BigDecimal price(JsonNode json) {
        return json.isMissingNode() || json.isNull() ? BigDecimal.ZERO : new BigDecimal(json.asString());
    }

    private static ObjectNode resources(Resources r) {
        ObjectNode out = JSON.createObjectNode();
        out.put("cru", r.cru());
        out.put("sru", r.sru());
        out.put("hru", r.hru());
        out.put("mru", r.mru());
        return out;
    }

    private static Resources resources(JsonNode json) {
        return new Resources(json.path("cru").asLong(0), json.path("mru").asLong(0), json.path("sru").asLong(0),
                json.path("hru").asLong(0));
    }

    // ------------------------------------------------------------------ farms

    public static ObjectNode farm(Farm farm) {
        ObjectNode out = JSON.createObjectNode();
        out.put("name", farm.name());
        out.put("farmId", farm.id().value());
        out.put("twinId", farm.owner().value());
        out.put("pricingPolicyId", 1);
        out.put("certificationType", farm.certified() ? "Gold" : "NotCertified");
        out.put("stellarAddress", "");
        out.put("dedicated", false);
        out.putArray("publicIps");
        return out;
    }

    public static Farm farm(JsonNode json) {
        String certification = json.path("certificationType").asString("NotCertified");
        return new Farm(new FarmId(json.path("farmId").asLong()), json.path("name").asString(),
                new TwinId(json.path("twinId").asLong()),
                !certification.equalsIgnoreCase("NotCertified") && !certification.equalsIgnoreCase("Diy"));
    }

    // ------------------------------------------------------------------ contracts

    /** A node contract; {@code farm} names the farm of its node, as the grid proxy's details do. */
    public static ObjectNode contract(Contract contract, Farm farm) {
        ObjectNode out = JSON.createObjectNode();
        out.put("contract_id", contract.id().value());
        out.put("twin_id", contract.twin().value());
        out.put("state", stateName(contract.state()));
        out.put("created_at", contract.created().getEpochSecond());
        out.put("type", "node");
        ObjectNode details = out.putObject("details");
        details.put("nodeId", contract.node().value());
        details.put("deployment_data", contract.deploymentData());
        details.put("deployment_hash", contract.deploymentHash());
        details.put("number_of_public_ips", 0);
        details.put("farm_name", farm.name());
        details.put("farm_id", farm.id().value());
        out.put("size", contract.size());
        contract.graceSince().ifPresent(since -> out.put("grace_since", since.toString()));
        return out;
    }

    public static Contract contract(JsonNode json) {
        JsonNode details = json.path("details");
        Optional<Instant> graceSince = json.hasNonNull("grace_since")
                ? Optional.of(Instant.parse(json.path("grace_since").asString())) : Optional.empty();
        return new Contract(new ContractId(json.path("contract_id").asLong()), new TwinId(json.path("twin_id").asLong()),
                new NodeId(details.path("nodeId").asLong()), state(json.path("state").asString()),
                details.path("deployment_hash").asString(""), details.path("deployment_data").asString(""),
                json.path("size").asLong(0), Instant.ofEpochSecond(json.path("created_at").asLong()), graceSince);
    }

    public static List<Contract> contracts(JsonNode array) {
        List<Contract> out = new ArrayList<>();
        array.forEach(c -> out.add(contract(c)));
        return out;
    }

    /** The grid proxy's names for contract states. */
    public static String stateName(ContractState state) {
        return switch (state) {
            case CREATED -> "Created";
            case GRACE -> "GracePeriod";
            case DELETED -> "Deleted";
        };
    }

    /** Reads a grid proxy state; {@code OutOfFunds} is how the proxy shows a contract deleted for lack of funds. */
    public static ContractState state(String name) {
        return switch (name) {
            case "Created", "created" -> ContractState.CREATED;
            case "GracePeriod", "grace", "Grace" -> ContractState.GRACE;
            case "Deleted", "deleted", "OutOfFunds" -> ContractState.DELETED;
            default -> throw new IllegalArgumentException("unknown contract state '" + name + "'");
        };
    }

    // ------------------------------------------------------------------ twins

    public static ObjectNode twin(TwinId twin, String publicKeyHex) {
        ObjectNode out = JSON.createObjectNode();
        out.put("twinId", twin.value());
        out.put("accountId", publicKeyHex);
        out.put("relay", "");
        out.put("publicKey", publicKeyHex);
        return out;
    }

    public static TwinId twinId(JsonNode json) {
        return new TwinId(json.path("twinId").asLong());
    }
}
