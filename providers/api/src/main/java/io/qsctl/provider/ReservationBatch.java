package io.qsctl.provider;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Deployments reserved together under one signature. The signing payload lists, per deployment,
 * its node and hash (and nothing secret); it is what a phone scans as one QR code, so its size is
 * bounded (see the reconciler's batcher).
 */
public record ReservationBatch(String network, String id, TwinId twin, List<Deployment> deployments, Tft hourlyCost) {

    /** A QR code of version 40 at error correction level L holds this many bytes in byte mode. */
    public static final int MAX_PAYLOAD_BYTES = 2953;

    public ReservationBatch {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(twin, "twin");
        deployments = List.copyOf(deployments);
        Objects.requireNonNull(hourlyCost, "hourlyCost");
        if (deployments.isEmpty()) {
            throw new IllegalArgumentException("a batch reserves at least one deployment");
        }
    }

    /**
     * The bytes to sign: compact canonical JSON, ASCII only, in deployment order, e.g.
     * {@code {"v":1,"net":"local","twin":7,"batch":"p1/0","cost":"0.25","d":[[12,"9e10..."],...]}}.
     */
    public byte[] signingPayload() {
        return payloadFor(network, id, twin, hourlyCost, deployments.stream().map(d -> new Item(d.backend().node(), d.hash()))
                .toList());
    }

    /** The size a payload would have; the batcher packs batches with this. */
    public static int payloadSize(String network, String id, TwinId twin, Tft hourlyCost, List<Item> items) {
        return payloadFor(network, id, twin, hourlyCost, items).length;
    }

    /** One line of a payload: a node and a deployment hash. */
    public record Item(NodeId node, String hash) {
    }

    static byte[] payloadFor(String network, String id, TwinId twin, Tft hourlyCost, List<Item> items) {
        StringBuilder out = new StringBuilder(64 + items.size() * 48);
        out.append("{\"v\":1,\"net\":\"").append(network).append("\",\"twin\":").append(twin.value())
                .append(",\"batch\":\"").append(id).append("\",\"cost\":\"").append(hourlyCost.toPlainString())
                .append("\",\"d\":[");
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append('[').append(items.get(i).node().value()).append(",\"").append(items.get(i).hash()).append("\"]");
        }
        out.append("]}");
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
