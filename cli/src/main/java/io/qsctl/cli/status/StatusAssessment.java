package io.qsctl.cli.status;

import io.qsctl.cli.cluster.ClusterView;
import io.qsctl.cli.cluster.Remedies;
import io.qsctl.common.Sizes;
import io.qsctl.provider.BackendRole;
import io.qsctl.provider.ContractState;
import io.qsctl.provider.Tft;
import io.qsctl.provider.TwinId;
import io.qsctl.reconciler.api.BackendRecord;
import io.qsctl.reconciler.api.BackendStatus;
import io.qsctl.reconciler.api.ClusterState;
import io.qsctl.reconciler.api.Drift;
import io.qsctl.reconciler.api.NamespaceObservation;
import io.qsctl.reconciler.api.Observation;
import io.qsctl.reconciler.api.ObservedBackend;
import io.qsctl.reconciler.api.SpecHash;
import io.qsctl.spec.ClusterSpec;
import io.qsctl.spec.StorageCluster;
import io.qsctl.zstor.ZStore;
import io.qsctl.zstor.meta.MetaQuorum;
import io.qsctl.zstor.segment.SegmentLayout;
import io.qsctl.zstor.store.WriteRoom;
import io.qsctl.zstor.store.ZStoreConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * Judges a cluster from what a refresh saw (the grid, and each namespace asked directly), the
 * wallet and the spec: each backend's state, used and free space, the conditions, and how urgent
 * it all is. Pure: the same facts give the same report.
 *
 * <p>{@link Health#CRITICAL} when data is at risk or writes stop: fewer data backends take writes
 * than a write needs ({@code dataShards + 1}), fewer metadata backends than a metadata write needs
 * (its quorum), no room for one more stripe, or a wallet at 0 with contracts to pay.
 * {@link Health#ATTENTION} when any condition is not true. Otherwise {@link Health#HEALTHY}.
 */
public final class StatusAssessment {

    /** Free space under this share of {@code spec.capacity} is low. */
    static final int LOW_CAPACITY_PERCENT = 10;

    private StatusAssessment() {
    }

    public static StatusReport assess(StorageCluster cluster, ClusterView view, Tft balance, Tft hourly,
                                      Remedies remedies) {
        return assess(cluster, view.state(), view.exists(), view.observation(), balance, hourly, remedies);
    }

    /**
     * @param state the saved state ({@link ClusterState#empty} when there is none)
     * @param exists whether a state was saved (the cluster was applied at least once)
     * @param observation what a refresh with the namespace probe saw
     */
    public static StatusReport assess(StorageCluster cluster, ClusterState state, boolean exists,
                                      Observation observation, Tft balance, Tft hourly, Remedies remedies) {
        ClusterSpec spec = cluster.spec();
        SegmentLayout layout = SegmentLayout.of(spec.redundancy().dataShards(), spec.redundancy().parityShards(),
                ZStoreConfig.DEFAULT_SHARD_CHUNK);
        List<BackendCheck> backends = new ArrayList<>();
        for (ObservedBackend o : observation.backends()) {
            backends.add(check(o, observation.drift()));
        }
        List<BackendCheck> serving = backends.stream().filter(b -> b.state() != BackendCheck.State.RETIRING).toList();
        int minShards = ZStoreConfig.defaultMinShardsPerWrite(spec.redundancy().dataShards(),
                spec.redundancy().parityShards());
        Optional<CapacityReport> capacity = capacity(serving, layout, minShards);
        OptionalDouble runway = hourly.units() == 0 ? OptionalDouble.empty()
                : OptionalDouble.of((double) balance.units() / hourly.units() / 24.0);
        boolean applied = exists && !state.destroyed();
        Optional<TwinId> twin = observation.twin();

        Health health = Health.HEALTHY;
        List<Condition> conditions = new ArrayList<>();
        Facts facts = new Facts(cluster, state, exists, applied, observation, serving, capacity, layout, minShards,
                balance, hourly, runway, twin, remedies);
        Condition backendsHealthy = facts.backendsHealthy();
        Condition capacityAvailable = facts.capacityAvailable();
        Condition funded = facts.funded();
        Condition synced = facts.synced();
        conditions.add(facts.ready(List.of(backendsHealthy, capacityAvailable, funded, synced)));
        conditions.addAll(List.of(backendsHealthy, capacityAvailable, funded, synced));
        if (conditions.stream().anyMatch(c -> !c.holds())) {
            health = Health.ATTENTION;
        }
        if (facts.critical()) {
            health = Health.CRITICAL;
        }
        return new StatusReport(cluster.name(), spec.network().id(), exists, state.destroyed(), twin, backends,
                capacity, balance, hourly, runway, observation.drift(), conditions, health);
    }

    /**
     * A data namespace with less room than this takes no more shards: the store's own threshold
     * ({@link ZStore#FULL_RESERVE_CHUNKS} shard chunks).
     */
    static final long FULL_BELOW = (long) ZStore.FULL_RESERVE_CHUNKS * ZStoreConfig.DEFAULT_SHARD_CHUNK;

    /** One backend's state, and why (the first drift found for it, when there is one). */
    public static BackendCheck check(ObservedBackend o, List<Drift> drift) {
        BackendRecord r = o.record();
        OptionalLong used = o.namespace().map(NamespaceObservation::usedBytes).orElse(OptionalLong.empty());
        OptionalLong limit = o.namespace().map(NamespaceObservation::limitBytes).orElse(OptionalLong.empty());
        Optional<String> why = drift.stream().filter(d -> d.contract().equals(Optional.of(r.contract())))
                .map(Drift::message).findFirst();
        BackendCheck.State state;
        String reason;
        if (r.status() == BackendStatus.RETIRING) {
            state = BackendCheck.State.RETIRING;
            reason = "replaced; its contract is cancelled by the next apply";
        } else if (o.dead()) {
            state = BackendCheck.State.LOST;
            reason = why.orElse("lost");
        } else if (r.endpoint().isEmpty() || r.status() == BackendStatus.DEPLOYING) {
            state = BackendCheck.State.DEPLOYING;
            reason = why.orElse("reserved; its node has not deployed it yet");
        } else if (!o.nodeUp() || o.namespaceUnreachable()
                || (o.namespace().isEmpty() && o.node().map(n -> !n.healthy()).orElse(true))) {
            state = BackendCheck.State.UNREACHABLE;
            reason = why.orElse("does not answer");
        } else if (o.contract().map(c -> c.state() == ContractState.GRACE).orElse(false) || o.namespaceLocked()) {
            state = BackendCheck.State.READ_ONLY;
            reason = why.orElse("read-only");
        } else if (r.role() == BackendRole.DATA && used.isPresent() && limit.isPresent() && limit.getAsLong() > 0
                && limit.getAsLong() - used.getAsLong() < FULL_BELOW) {
            state = BackendCheck.State.FULL;
            reason = "its namespace uses " + Sizes.human(used.getAsLong()) + " of " + Sizes.human(limit.getAsLong())
                    + ": no room for another stripe";
        } else {
            state = BackendCheck.State.HEALTHY;
            reason = used.isPresent() && limit.isPresent()
                    ? "answers; " + Sizes.human(used.getAsLong()) + " used of " + Sizes.human(limit.getAsLong())
                    : "answers";
        }
        return new BackendCheck(r, state, reason, used, limit);
    }

    private static Optional<CapacityReport> capacity(List<BackendCheck> serving, SegmentLayout layout, int minShards) {
        List<BackendCheck> data = serving.stream().filter(b -> b.role() == BackendRole.DATA).toList();
        long used = 0;
        long limit = 0;
        int answered = 0;
        List<Long> free = new ArrayList<>();
        for (BackendCheck b : data) {
            if (b.usedBytes().isPresent() && b.limitBytes().isPresent()) {
                answered++;
                used += b.usedBytes().getAsLong();
                limit += b.limitBytes().getAsLong();
            }
            if (b.writable()) {
                b.freeBytes().ifPresent(free::add);
            }
        }
        if (answered == 0) {
            return Optional.empty();
        }
        return Optional.of(new CapacityReport(used, limit, answered, data.size(), new WriteRoom(layout, minShards, free)));
    }

    /** The facts every condition is judged from. */
    private record Facts(StorageCluster cluster, ClusterState state, boolean exists, boolean applied,
                         Observation observation, List<BackendCheck> serving, Optional<CapacityReport> capacity,
                         SegmentLayout layout, int minShards, Tft balance, Tft hourly, OptionalDouble runway,
                         Optional<TwinId> twin, Remedies remedies) {

        private String notApplied() {
            return state.destroyed() ? "cluster " + cluster.name() + " was destroyed; " + remedies.apply()
                    + " creates it again" : "cluster " + cluster.name() + " has not been applied yet: "
                    + remedies.apply();
        }

        private String notAppliedReason() {
            return state.destroyed() ? "Destroyed" : "NotApplied";
        }

        private List<BackendCheck> in(BackendCheck.State s) {
            return serving.stream().filter(b -> b.state() == s).toList();
        }

        private static String names(List<BackendCheck> backends) {
            return backends.stream().map(BackendCheck::name).collect(Collectors.joining(", "));
        }

        Condition backendsHealthy() {
            if (!applied) {
                return Condition.of(Condition.BACKENDS_HEALTHY, Condition.Status.UNKNOWN, notAppliedReason(),
                        notApplied());
            }
            List<String> parts = new ArrayList<>();
            List<String> fixes = new ArrayList<>();
            String reason = "AllHealthy";
            for (BackendCheck.State s : new BackendCheck.State[] {BackendCheck.State.LOST,
                    BackendCheck.State.UNREACHABLE, BackendCheck.State.READ_ONLY, BackendCheck.State.DEPLOYING,
                    BackendCheck.State.FULL}) {
                List<BackendCheck> these = in(s);
                if (these.isEmpty()) {
                    continue;
                }
                parts.add(these.size() + " " + s.id().replace('-', ' ') + " (" + names(these) + ")");
                if (reason.equals("AllHealthy")) {
                    reason = switch (s) {
                        case LOST -> "BackendsLost";
                        case UNREACHABLE -> "BackendsUnreachable";
                        case READ_ONLY -> "BackendsReadOnly";
                        case DEPLOYING -> "BackendsDeploying";
                        default -> "BackendsFull";
                    };
                }
                switch (s) {
                    case LOST -> fixes.add(remedies.apply() + " replaces the lost (the new ones first), then "
                            + remedies.repair() + " rebuilds what they held");
                    case UNREACHABLE -> fixes.add("unreachable ones may come back; if one does not, "
                            + remedies.replace(these.get(0).name()) + ", then " + remedies.repair());
                    case READ_ONLY -> fixes.add(remedies.topUp(twin) + " (a contract in grace is read-only)");
                    case DEPLOYING -> fixes.add(remedies.apply() + " waits for them again");
                    default -> fixes.add("raise spec.capacity in " + remedies.spec() + " and run " + remedies.apply());
                }
            }
            if (parts.isEmpty()) {
                return Condition.of(Condition.BACKENDS_HEALTHY, Condition.Status.TRUE, reason, "all " + serving.size()
                        + " backends answer and take writes");
            }
            return Condition.of(Condition.BACKENDS_HEALTHY, Condition.Status.FALSE, reason, String.join(", ", parts)
                    + " of " + serving.size() + " backends; " + String.join("; ", fixes));
        }

        Condition capacityAvailable() {
            if (!applied) {
                return Condition.of(Condition.CAPACITY_AVAILABLE, Condition.Status.UNKNOWN, notAppliedReason(),
                        notApplied());
            }
            long writable = serving.stream().filter(b -> b.role() == BackendRole.DATA && b.writable()).count();
            if (writable < minShards) {
                return Condition.of(Condition.CAPACITY_AVAILABLE, Condition.Status.FALSE, "TooFewWritableBackends",
                        writable + " data backends take writes, a write needs " + minShards
                                + ": nothing can be stored until the others are back or replaced");
            }
            if (capacity.isEmpty()) {
                return Condition.of(Condition.CAPACITY_AVAILABLE, Condition.Status.UNKNOWN, "NoAnswer",
                        "no data backend said how full it is");
            }
            WriteRoom room = capacity.get().room();
            String fix = "raise spec.capacity in " + remedies.spec() + " and run " + remedies.apply()
                    + ", or delete objects (`qsctl object delete -f " + remedies.spec() + " ID`)";
            if (room.perBackendForOneObject() < layout.storedShardBytes(layout.stripePlainSize())) {
                return Condition.of(Condition.CAPACITY_AVAILABLE, Condition.Status.FALSE, "Full",
                        "the data backends are full: not one more stripe fits; " + fix);
            }
            long usable = capacity.get().usableBytes();
            String room1 = "about " + Sizes.human(usable) + " more fits (one object of up to "
                    + Sizes.human(room.largestObject()) + ")";
            if (usable < cluster.spec().capacity().bytes() / 100 * LOW_CAPACITY_PERCENT) {
                return Condition.of(Condition.CAPACITY_AVAILABLE, Condition.Status.FALSE, "CapacityLow",
                        room1 + ", less than " + LOW_CAPACITY_PERCENT + "% of spec.capacity "
                                + cluster.spec().capacity() + "; " + fix);
            }
            return Condition.of(Condition.CAPACITY_AVAILABLE, Condition.Status.TRUE, "RoomAvailable", room1);
        }

        Condition funded() {
            if (twin.isEmpty()) {
                return Condition.of(Condition.FUNDED, Condition.Status.UNKNOWN, "NoTwin", "this identity has no twin on "
                        + "the grid yet; " + remedies.apply() + " registers it");
            }
            long inGrace = observation.backends().stream().filter(b -> b.contract()
                    .map(c -> c.state() == ContractState.GRACE).orElse(false)).count();
            if (hourly.units() > 0 && balance.units() <= 0) {
                return Condition.of(Condition.FUNDED, Condition.Status.FALSE, "WalletEmpty", "the wallet is empty and "
                        + "the contracts cost " + hourly + "/hour: they go into grace (read-only), then are deleted; "
                        + remedies.topUp(twin));
            }
            if (inGrace > 0) {
                return Condition.of(Condition.FUNDED, Condition.Status.FALSE, "ContractsInGrace", inGrace
                        + " contract(s) in their grace period (read-only, deleted after 14 days); " + remedies.topUp(twin));
            }
            if (runway.isEmpty()) {
                return Condition.of(Condition.FUNDED, Condition.Status.TRUE, "NothingToPay", "no contract to pay");
            }
            int alert = cluster.spec().funding().alertRunwayDays();
            String covers = "the wallet covers " + String.format(Locale.ROOT, "%.1f", runway.getAsDouble()) + " days";
            if (runway.getAsDouble() < alert) {
                return Condition.of(Condition.FUNDED, Condition.Status.FALSE, "RunwayLow", covers
                        + ", less than funding.alertRunwayDays (" + alert + "); " + remedies.topUp(twin));
            }
            return Condition.of(Condition.FUNDED, Condition.Status.TRUE, "RunwayOk", covers);
        }

        Condition synced() {
            if (!applied) {
                return Condition.of(Condition.SYNCED, Condition.Status.FALSE, notAppliedReason(), notApplied());
            }
            if (!observation.drift().isEmpty()) {
                String backends = observation.drift().stream().map(Drift::backend).distinct()
                        .collect(Collectors.joining(", "));
                return Condition.of(Condition.SYNCED, Condition.Status.FALSE, "Drift", observation.drift().size()
                        + " change(s) outside qsctl (" + backends + "); `qsctl plan -f " + remedies.spec()
                        + "` shows them and what apply would do");
            }
            if (!state.specHash().equals(Optional.of(SpecHash.of(cluster)))) {
                return Condition.of(Condition.SYNCED, Condition.Status.FALSE, "SpecChanged", remedies.spec()
                        + " changed since the last apply; `qsctl plan -f " + remedies.spec() + "` shows what "
                        + remedies.apply() + " would do");
            }
            return Condition.of(Condition.SYNCED, Condition.Status.TRUE, "InSync",
                    "the grid matches the state, and the state the spec");
        }

        Condition ready(List<Condition> others) {
            List<Condition> failing = others.stream().filter(c -> !c.holds()).toList();
            if (failing.isEmpty()) {
                return Condition.of(Condition.READY, Condition.Status.TRUE, "Ready", "healthy, with room, funded and "
                        + "as declared");
            }
            String message = failing.stream().map(c -> c.type() + ": " + c.reason()).collect(Collectors.joining(", "));
            return Condition.of(Condition.READY, Condition.Status.FALSE, failing.get(0).reason(), "not ready: "
                    + message);
        }

        /** Data at risk or writes stopping. */
        boolean critical() {
            if (!applied) {
                return false;
            }
            long dataWritable = serving.stream().filter(b -> b.role() == BackendRole.DATA && b.writable()).count();
            if (dataWritable < minShards) {
                return true;
            }
            List<BackendCheck> metadata = serving.stream().filter(b -> b.role() == BackendRole.METADATA).toList();
            long metadataWritable = metadata.stream().filter(BackendCheck::writable).count();
            if (!metadata.isEmpty() && metadataWritable < MetaQuorum.forBackends(metadata.size()).writeQuorum()) {
                return true;
            }
            if (hourly.units() > 0 && balance.units() <= 0) {
                return true;
            }
            return capacity.map(c -> c.room().perBackendForOneObject()
                    < layout.storedShardBytes(layout.stripePlainSize())).orElse(false);
        }
    }
}
