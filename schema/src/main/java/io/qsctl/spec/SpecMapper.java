package io.qsctl.spec;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** A validated, defaulted JSON tree to the typed records. Only ever sees trees with no problems. */
final class SpecMapper {

    private SpecMapper() {
    }

    static StorageCluster map(JsonNode root) {
        JsonNode metadata = root.get("metadata");
        Map<String, String> labels = new LinkedHashMap<>();
        metadata.path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asString()));
        JsonNode spec = root.get("spec");

        JsonNode redundancyNode = spec.get("redundancy");
        Redundancy redundancy = new Redundancy(redundancyNode.get("dataShards").asInt(),
                redundancyNode.get("parityShards").asInt());

        JsonNode nodesNode = spec.get("nodes");
        int count = nodesNode.has("count") ? nodesNode.get("count").asInt() : redundancy.totalShards();
        JsonNode placementNode = nodesNode.get("placement");
        Placement placement = new Placement(
                strings(placementNode.get("countries")),
                farms(placementNode.get("farms")),
                longs(placementNode.get("nodeIds")),
                longs(placementNode.get("exclude")),
                Spread.fromId(placementNode.get("spread").asString()));

        JsonNode metaNode = spec.get("metadata");
        MetadataSpec metaSpec = new MetadataSpec(metaNode.get("backends").asInt(), size(metaNode.get("size")));

        JsonNode mountNode = spec.get("mount");
        MountSpec mount = new MountSpec(
                mountNode.has("path") ? Optional.of(mountNode.get("path").asString()) : Optional.empty(),
                size(mountNode.get("cache")), size(mountNode.get("segmentSize")), size(mountNode.get("maxUnprotected")));

        JsonNode fundingNode = spec.get("funding");
        FundingSpec funding = new FundingSpec(fundingNode.get("minRunwayDays").asInt(),
                fundingNode.get("alertRunwayDays").asInt());

        List<Notifier> notify = new ArrayList<>();
        spec.get("notify").forEach(n -> notify.add(new Notifier.Webhook(URI.create(n.get("webhook").asString()))));

        ClusterSpec clusterSpec = new ClusterSpec(
                Network.fromId(spec.get("network").asString()),
                size(spec.get("capacity")),
                redundancy,
                new NodeSpec(count, placement),
                metaSpec,
                mount,
                Signing.fromId(spec.get("signing").asString()),
                funding,
                notify);
        return new StorageCluster(metadata.get("name").asString(), labels, clusterSpec);
    }

    private static ByteSize size(JsonNode node) {
        if (node.isIntegralNumber()) {
            return ByteSize.ofBytes(node.asLong());
        }
        return ByteSize.parse(node.asString()).size()
                .orElseThrow(() -> new IllegalStateException("unvalidated size " + node));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>(array.size());
        array.forEach(n -> out.add(n.asString()));
        return out;
    }

    private static List<Long> longs(JsonNode array) {
        List<Long> out = new ArrayList<>(array.size());
        array.forEach(n -> out.add(n.asLong()));
        return out;
    }

    private static List<FarmRef> farms(JsonNode array) {
        List<FarmRef> out = new ArrayList<>(array.size());
        array.forEach(n -> out.add(n.isIntegralNumber() ? new FarmRef.Id(n.asLong()) : new FarmRef.Name(n.asString())));
        return out;
    }
}
