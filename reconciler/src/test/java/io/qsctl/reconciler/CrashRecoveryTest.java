package io.qsctl.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qsctl.provider.Contract;
import io.qsctl.provider.ContractState;
import io.qsctl.reconciler.api.ApplyListener;
import io.qsctl.reconciler.api.BackendStatus;
import io.qsctl.reconciler.api.ClusterState;
import io.qsctl.spec.StorageCluster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process dies at every point of an apply (before and after every state write and journal
 * append, and before and after every call that changes the grid); a new process then resumes
 * (settles the journal, plans again, applies). Whatever the point: exactly the desired backends
 * exist, no contract was made twice, and the state says exactly what the grid has.
 */
class CrashRecoveryTest {

    @TempDir
    Path dir;

    private int worlds;

    private World world(Consumer<World> setup) {
        World w = new World(dir.resolve("w" + worlds++)).catalogue(12, 4, 500, "BE", "NL", "DE");
        setup.accept(w);
        return w;
    }

    private static final StorageCluster SIX = Clusters.named(World.CLUSTER).capacityGib(100).count(6)
            .countries("BE", "NL").build();
    /** From SIX: one fewer data backend, more capacity (grows), and NL swapped for DE (replacements). */
    private static final StorageCluster CHANGED = Clusters.named(World.CLUSTER).capacityGib(150).count(5).metadata(3)
            .countries("BE", "DE").build();

    @Test
    void aFirstApplyKilledAtAnyWriteResumesToExactlyTheDesiredBackends() {
        sweepStoreWrites(w -> { }, World::converge, SIX);
    }

    @Test
    void anApplyThatCreatesGrowsReplacesAndDeletesKilledAtAnyWriteResumesCorrectly() {
        sweepStoreWrites(w -> w.converge(SIX), World::converge, CHANGED);
    }

    @Test
    void anApplyKilledAroundAnyGridCallResumesCorrectly() {
        World probe = world(w -> w.converge(SIX));
        int[] before = {probe.grid.calls(FakeGrid.Op.RESERVE), probe.grid.calls(FakeGrid.Op.GROW),
                probe.grid.calls(FakeGrid.Op.CANCEL)};
        probe.converge(CHANGED);
        long expectedContracts = probe.grid.allContracts().size();
        FakeGrid.Op[] ops = FakeGrid.Op.values();
        int runs = 0;
        for (int o = 0; o < ops.length; o++) {
            int calls = probe.grid.calls(ops[o]) - before[o];
            assertThat(calls).as("calls of " + ops[o]).isPositive();
            for (int n = 1; n <= calls; n++) {
                for (boolean after : new boolean[] {false, true}) {
                    World w = world(x -> x.converge(SIX));
                    if (after) {
                        w.grid.crashAfter(ops[o], n);
                    } else {
                        w.grid.crashBefore(ops[o], n);
                    }
                    assertThatThrownBy(() -> w.converge(CHANGED)).isInstanceOf(SimulatedCrash.class);
                    recoverAndCheck(w, CHANGED, expectedContracts, ops[o] + (after ? " after #" : " before #") + n);
                    runs++;
                }
            }
        }
        assertThat(runs).isGreaterThan(10);
    }

    @Test
    void aDestroyKilledAtAnyWriteFinishesOnTheNextRun() {
        World probe = world(w -> w.converge(SIX));
        int start = probe.store.writes();
        probe.destroy();
        int writes = probe.store.writes() - start;
        for (int k = 1; k <= writes; k++) {
            for (boolean after : new boolean[] {false, true}) {
                World w = world(x -> x.converge(SIX));
                w.store.crashAt(w.store.writes() + k, after);
                assertThatThrownBy(w::destroy).isInstanceOf(SimulatedCrash.class);
                w.restart();
                w.applier().resume(ApplyListener.NONE);
                w.destroy();
                assertThat(w.live()).as("crash at write " + k).isEmpty();
                assertThat(w.state().destroyed()).isTrue();
                assertThat(w.unsettled()).isFalse();
            }
        }
    }

    private void sweepStoreWrites(Consumer<World> setup, Function2 apply, StorageCluster target) {
        World probe = world(setup);
        int start = probe.store.writes();
        apply.run(probe, target);
        int writes = probe.store.writes() - start;
        long expectedContracts = probe.grid.allContracts().size();
        assertThat(writes).isGreaterThan(10);
        for (int k = 1; k <= writes; k++) {
            for (boolean after : new boolean[] {false, true}) {
                World w = world(setup);
                w.store.crashAt(w.store.writes() + k, after);
                assertThatThrownBy(() -> apply.run(w, target)).isInstanceOf(SimulatedCrash.class);
                recoverAndCheck(w, target, expectedContracts, "write #" + k + (after ? " (after)" : " (before)"));
            }
        }
    }

    private static void recoverAndCheck(World w, StorageCluster target, long expectedContracts, String where) {
        w.restart();
        w.resumeAndConverge(target);

        List<String> desired = new ArrayList<>();
        for (Differ.Wanted wanted : Differ.desired(target.spec(), CapacityPlanner.sizes(target.spec()))) {
            desired.add(wanted.name());
        }
        desired.sort(null);
        assertThat(w.liveNames()).as("live backends after a crash at " + where).containsExactlyElementsOf(desired);
        assertThat(w.grid.allContracts()).as("contracts ever made, crash at " + where).hasSize((int) expectedContracts);
        ClusterState state = w.state();
        assertThat(state.backends()).as("state after a crash at " + where).hasSize(desired.size()).allSatisfy(b -> {
            assertThat(b.status()).isEqualTo(BackendStatus.ACTIVE);
            Contract c = w.grid.contract(b.contract()).orElseThrow();
            assertThat(c.state()).isEqualTo(ContractState.CREATED);
            assertThat(c.deploymentHash()).isEqualTo(b.deploymentHash());
            assertThat(c.size()).isEqualTo(b.size());
        });
        assertThat(w.unsettled()).isFalse();
        assertThat(w.plan(target).hasChanges()).as("a plan after recovering from a crash at " + where).isFalse();
    }

    @FunctionalInterface
    private interface Function2 {
        void run(World w, StorageCluster target);
    }

}
