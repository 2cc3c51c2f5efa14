package io.qsctl.reconciler;

import io.qsctl.reconciler.api.ClusterState;
import io.qsctl.reconciler.api.ClusterStateJson;
import io.qsctl.state.JournalEntry;
import io.qsctl.state.JournalStatus;
import io.qsctl.state.StateSnapshot;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;
import tools.jackson.databind.node.ObjectNode;

/**
 * The state as an apply advances it, one saved version per change, and the journal entries that
 * bracket every signed or paid call: pending before it is sent, done or failed after.
 */
final class Ledger {

    private final Store store;
    private final Supplier<Instant> clock;
    private StateSnapshot snapshot;
    private ClusterState state;

    Ledger(Store store, StateSnapshot snapshot, Supplier<Instant> clock) {
        this.store = store;
        this.snapshot = snapshot;
        this.state = ClusterStateJson.fromJson(snapshot.body());
        this.clock = clock;
    }

    ClusterState state() {
        return state;
    }

    StateSnapshot snapshot() {
        return snapshot;
    }

    UUID lineage() {
        return snapshot.lineage();
    }

    Instant now() {
        return clock.get();
    }

    /** Saves {@code next} as the state's new version, at once. */
    void save(ClusterState next) {
        snapshot = store.write(snapshot, ClusterStateJson.toJson(next));
        state = next;
    }

    JournalEntry pending(String planId, int action, String key, ObjectNode details) {
        JournalEntry entry = new JournalEntry(now(), lineage(), planId, action, key, JournalStatus.PENDING, details);
        store.append(entry);
        return entry;
    }

    void done(JournalEntry pending, ObjectNode details) {
        store.append(pending.with(now(), JournalStatus.DONE, details));
    }

    void failed(JournalEntry pending, String why) {
        ObjectNode details = pending.details();
        details.put("error", why);
        store.append(pending.with(now(), JournalStatus.FAILED, details));
    }
}
