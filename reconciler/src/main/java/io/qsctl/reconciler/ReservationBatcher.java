package io.qsctl.reconciler;

import io.qsctl.provider.Deployment;
import io.qsctl.provider.ReservationBatch;
import io.qsctl.provider.Tft;
import io.qsctl.provider.TwinId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Groups reservations into batches whose exact signing payload fits one QR code: at most
 * {@link ReservationBatch#MAX_PAYLOAD_BYTES} (2,953) bytes, what a version 40 QR code holds in
 * byte mode at error correction level L. Each batch is signed once: by the local identity, or by
 * the user's phone scanning it ({@code signing: connect}), so fewer batches mean fewer scans.
 *
 * <p>Packing is greedy in plan order: a deployment joins the current batch when the batch's
 * payload, with it and the batch's new total cost, still fits; otherwise the batch is closed and a
 * new one starts. A deployment is never split. Items are all about the same size (a node id and a
 * 32-character hash), so greedy packing wastes less than one item per batch: the count stays
 * within a few percent of the minimum any packing could reach.
 */
final class ReservationBatcher {

    private ReservationBatcher() {
    }

    /** A deployment to reserve and what it costs per hour (the batch's payload states its total). */
    record Item(Deployment deployment, Tft hourly) {
        Item {
            Objects.requireNonNull(deployment, "deployment");
            Objects.requireNonNull(hourly, "hourly");
        }
    }

    /** Batch {@code i} is named {@code <batchPrefix>/<i>}. */
    static List<ReservationBatch> batch(String network, String batchPrefix, TwinId twin, List<Item> items) {
        List<ReservationBatch> batches = new ArrayList<>();
        List<Deployment> current = new ArrayList<>();
        List<ReservationBatch.Item> currentItems = new ArrayList<>();
        Tft cost = Tft.ZERO;
        for (Item item : items) {
            ReservationBatch.Item line = new ReservationBatch.Item(item.deployment().backend().node(),
                    item.deployment().hash());
            String id = batchPrefix + "/" + batches.size();
            currentItems.add(line);
            Tft withItem = cost.plus(item.hourly());
            if (ReservationBatch.payloadSize(network, id, twin, withItem, currentItems)
                    <= ReservationBatch.MAX_PAYLOAD_BYTES) {
                current.add(item.deployment());
                cost = withItem;
                continue;
            }
            currentItems.remove(currentItems.size() - 1);
            if (current.isEmpty()) {
                throw new IllegalArgumentException("one deployment alone does not fit a QR code: " + item.deployment());
            }
            batches.add(new ReservationBatch(network, id, twin, current, cost));
            current = new ArrayList<>();
            currentItems = new ArrayList<>();
            cost = Tft.ZERO;
            String nextId = batchPrefix + "/" + batches.size();
            currentItems.add(line);
            if (ReservationBatch.payloadSize(network, nextId, twin, item.hourly(), currentItems)
                    > ReservationBatch.MAX_PAYLOAD_BYTES) {
                throw new IllegalArgumentException("one deployment alone does not fit a QR code: " + item.deployment());
            }
            current.add(item.deployment());
            cost = item.hourly();
        }
        if (!current.isEmpty()) {
            batches.add(new ReservationBatch(network, batchPrefix + "/" + batches.size(), twin, current, cost));
        }
        return batches;
    }
}
