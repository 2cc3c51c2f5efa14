package io.qsctl.spec;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A cluster back to the document form a user writes, with every default spelled out. What it
 * writes loads back to an equal cluster, so {@code qsctl validate -o yaml} shows exactly what
 * qsctl will act on.
 */
public final class SpecWriter {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private SpecWriter() {
    }

    public static ObjectNode toTree(StorageCluster cluster) {
        ObjectNode root = JSON.objectNode();
        root.put("apiVersion", StorageCluster.API_VERSION);
        root.put("kind", StorageCluster.KIND);
        ObjectNode metadata = root.putObject("metadata");
        metadata.put("name", cluster.name());
        if (!cluster.labels().isEmpty()) {
            ObjectNode labels = metadata.putObject("labels");
            cluster.labels().forEach(labels::put);
        }
        ClusterSpec spec = cluster.spec();
        ObjectNode s = root.putObject("spec");
        s.put("network", spec.network().id());
        s.put("capacity", size(spec.capacity()));
        ObjectNode redundancy = s.putObject("redundancy");
        redundancy.put("dataShards", spec.redundancy().dataShards());
        redundancy.put("parityShards", spec.redundancy().parityShards());
        ObjectNode nodes = s.putObject("nodes");
        nodes.put("count", spec.nodes().count());
        Placement p = spec.nodes().placement();
        ObjectNode placement = nodes.putObject("placement");
        ArrayNode countries = placement.putArray("countries");
        p.countries().forEach(countries::add);
        ArrayNode farms = placement.putArray("farms");
        for (FarmRef farm : p.farms()) {
            if (farm instanceof FarmRef.Id id) {
                farms.add(id.id());
            } else if (farm instanceof FarmRef.Name name) {
                farms.add(name.name());
            }
        }
        ArrayNode nodeIds = placement.putArray("nodeIds");
        p.nodeIds().forEach(nodeIds::add);
        ArrayNode exclude = placement.putArray("exclude");
        p.exclude().forEach(exclude::add);
        placement.put("spread", p.spread().id());
        ObjectNode metadataSpec = s.putObject("metadata");
        metadataSpec.put("backends", spec.metadata().backends());
        metadataSpec.put("size", size(spec.metadata().size()));
        ObjectNode mount = s.putObject("mount");
        spec.mount().path().ifPresent(path -> mount.put("path", path));
        mount.put("cache", size(spec.mount().cache()));
        mount.put("segmentSize", size(spec.mount().segmentSize()));
        mount.put("maxUnprotected", size(spec.mount().maxUnprotected()));
        s.put("signing", spec.signing().id());
        ObjectNode funding = s.putObject("funding");
        funding.put("minRunwayDays", spec.funding().minRunwayDays());
        funding.put("alertRunwayDays", spec.funding().alertRunwayDays());
        ArrayNode notify = s.putArray("notify");
        for (Notifier notifier : spec.notifiers()) {
            if (notifier instanceof Notifier.Webhook webhook) {
                notify.addObject().put("webhook", webhook.url().toString());
            }
        }
        return root;
    }

    /** Exact human form when there is one, plain bytes otherwise, so the value round-trips. */
    private static String size(ByteSize size) {
        String human = size.toHumanString();
        return human.contains(".") ? size.bytes() + "B" : human;
    }
}
