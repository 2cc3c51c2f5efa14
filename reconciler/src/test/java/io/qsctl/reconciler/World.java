package io.qsctl.reconciler;

import io.qsctl.provider.Contract;
import io.qsctl.provider.GridException;
import io.qsctl.reconciler.api.ApplyEvent;
import io.qsctl.reconciler.api.ApplyOptions;
import io.qsctl.reconciler.api.ApplyResult;
import io.qsctl.reconciler.api.ClusterState;
import io.qsctl.reconciler.api.ClusterStateJson;
import io.qsctl.reconciler.api.Plan;
import io.qsctl.reconciler.api.PlanOptions;
import io.qsctl.reconciler.api.StateBinding;
import io.qsctl.spec.StorageCluster;
import io.qsctl.state.Journal;
import io.qsctl.state.StateStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A test world: a fake grid with a node catalogue, an identity, and one cluster's state directory
 * on disk (the state module's real encrypted store and journal). {@link #restart()} is a new
 * process: it reopens the store and journal from disk, as after a crash.
 */
final class World {

    static final String CLUSTER = "photos";

    final FakeGrid grid = new FakeGrid("local");
    final FakeIdentity identity = new FakeIdentity("alice");
    final Path dir;
    final List<ApplyEvent> events = new ArrayList<>();
    private Journal journal;
    CrashingStore store;
    ApplyOptions options = ApplyOptions.defaults().withDeployTimeout(Duration.ofMillis(200), Duration.ofMillis(1));

    World(Path dir) {
        this.dir = dir;
        restart();
    }

    /** {@code farms} farms, in the given countries round-robin, each with {@code perFarm} nodes of {@code hddGib} GiB. */
    World catalogue(int farms, int perFarm, long hddGib, String... countries) {
        long id = 1;
        for (int f = 1; f <= farms; f++) {
            grid.farm(f, "farm" + f);
            for (int n = 0; n < perFarm; n++) {
                grid.node(id++, f, countries[(f - 1) % countries.length], hddGib);
            }
        }
        return this;
    }

    void restart() {
        if (journal != null) {
            journal.close();
        }
        journal = Journal.open(dir);
        store = new CrashingStore(Store.of(new StateStore(dir, identity.stateKey(CLUSTER), "test"), journal));
    }

    Applier applier() {
        return new Applier(grid, identity, identity.accountSigner(), store, options);
    }

    ClusterState state() {
        return store.read().map(s -> ClusterStateJson.fromJson(s.body())).orElse(ClusterState.empty(CLUSTER, "local"));
    }

    StateBinding binding() {
        return store.read().map(s -> new StateBinding(Optional.of(s.lineage().toString()), s.serial()))
                .orElse(StateBinding.none());
    }

    Plan plan(StorageCluster cluster) {
        return plan(cluster, PlanOptions.defaults());
    }

    Plan plan(StorageCluster cluster, PlanOptions options) {
        return new Planner(grid).plan(cluster, state(), binding(), grid.twin(identity.accountPublicKeyHex()), options);
    }

    ApplyResult apply(Plan plan, StorageCluster cluster) {
        return applier().apply(plan, cluster, events::add);
    }

    /** Plan and apply, as {@code qsctl apply -f --auto-approve} does. */
    ApplyResult converge(StorageCluster cluster) {
        return apply(plan(cluster), cluster);
    }

    /** What the CLI does for {@code apply --resume}: settle the journal, plan again, apply what is left. */
    ApplyResult resumeAndConverge(StorageCluster cluster) {
        applier().resume(events::add);
        return converge(cluster);
    }

    Plan planDestroy() {
        return new Planner(grid).planDestroy(state(), binding(), grid.twin(identity.accountPublicKeyHex()));
    }

    ApplyResult destroy() {
        return applier().destroy(planDestroy(), events::add);
    }

    /** Live contracts of this cluster on the grid. */
    List<Contract> live() {
        return grid.liveContracts().stream().filter(c -> Refresher.labelledFor(c, CLUSTER)).toList();
    }

    List<String> liveNames() {
        return live().stream().map(c -> Refresher.label(c).orElseThrow()).sorted().toList();
    }

    boolean unsettled() {
        return !store.unresolved().isEmpty();
    }

    static GridException.Kind kind(Throwable t) {
        return t instanceof GridException g ? g.kind() : null;
    }
}
