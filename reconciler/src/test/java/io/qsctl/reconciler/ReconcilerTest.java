package io.qsctl.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qsctl.common.ExitCode;
import io.qsctl.common.QsctlException;
import io.qsctl.provider.NodeStatus;
import io.qsctl.reconciler.api.ApplyListener;
import io.qsctl.reconciler.api.ApplyOptions;
import io.qsctl.reconciler.api.ApplyResult;
import io.qsctl.reconciler.api.BackendRecord;
import io.qsctl.reconciler.api.ClusterState;
import io.qsctl.reconciler.api.ClusterStateJson;
import io.qsctl.reconciler.api.Drift;
import io.qsctl.reconciler.api.Observation;
import io.qsctl.reconciler.api.Plan;
import io.qsctl.reconciler.api.PlanMode;
import io.qsctl.reconciler.api.PlanOptions;
import io.qsctl.reconciler.api.Resolution;
import io.qsctl.reconciler.api.StateBinding;
import io.qsctl.spec.StorageCluster;
import io.qsctl.state.StateSnapshot;
import io.qsctl.state.StateStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReconcilerTest {

    @TempDir
    Path dir;

    private final FakeGrid grid = new FakeGrid("local");
    private final FakeIdentity identity = new FakeIdentity("bob");
    private final StorageCluster cluster = Clusters.named("photos").capacityGib(100).count(6).build();

    ReconcilerTest() {
        for (int f = 1; f <= 8; f++) {
            for (int n = 0; n < 3; n++) {
                grid.node(f * 10L + n, f, f % 2 == 0 ? "BE" : "NL", 300);
            }
        }
    }

    private Reconciler open(String operation) {
        return Reconciler.open(grid, identity, "photos", dir.resolve("photos"), "0.1.0-test", operation, Duration.ZERO,
                ApplyOptions.defaults().withResumeCommand("qsctl apply -f photos.yaml --resume"));
    }

    @Test
    void plansAppliesAndReportsStatusUnderTheLock() {
        List<String> lines = new ArrayList<>();
        try (Reconciler r = open("apply")) {
            Plan plan = r.plan(cluster, PlanOptions.defaults());
            assertThat(plan.summary().create()).isEqualTo(10);
            ApplyResult result = r.apply(plan, cluster, e -> lines.add(e.message()));
            assertThat(result.state().backends()).hasSize(10);
            assertThat(r.state().specHash()).isPresent();
        }
        assertThat(lines).isNotEmpty();
        try (Reconciler r = open("status")) {
            assertThat(r.plan(cluster, PlanOptions.defaults()).hasChanges()).isFalse();
            grid.setStatus(r.state().serving("data-04").orElseThrow().node(), NodeStatus.DOWN);
            Observation status = r.status();
            assertThat(status.backends()).hasSize(10);
            assertThat(status.drift()).extracting(Drift::kind).containsExactly(Drift.Kind.NODE_DOWN);
        }
    }

    @Test
    void aSecondOperationIsRefusedWhileTheLockIsHeld() {
        try (Reconciler first = open("apply")) {
            assertThatThrownBy(() -> open("plan")).isInstanceOf(QsctlException.class)
                    .extracting(e -> ((QsctlException) e).exitCode()).isEqualTo(ExitCode.CONFLICT);
        }
        try (Reconciler again = open("plan")) {
            assertThat(again.binding()).isEqualTo(StateBinding.none());
        }
    }

    @Test
    void planningWaitsForAnInterruptedApplyToBeResumed() {
        grid.crashAfter(FakeGrid.Op.RESERVE, 1);
        try (Reconciler r = open("apply")) {
            Plan plan = r.plan(cluster, PlanOptions.defaults());
            assertThatThrownBy(() -> r.apply(plan, cluster, ApplyListener.NONE)).isInstanceOf(SimulatedCrash.class);
        }
        try (Reconciler r = open("apply")) {
            assertThat(r.interrupted()).isTrue();
            assertThatThrownBy(() -> r.plan(cluster, PlanOptions.defaults())).isInstanceOf(QsctlException.class)
                    .hasMessageContaining("resume it first").extracting(e -> ((QsctlException) e).exitCode())
                    .isEqualTo(ExitCode.PARTIAL);
            Resolution resolution = r.resume(ApplyListener.NONE);
            assertThat(resolution.interrupted()).isTrue();
            assertThat(r.plan(cluster, PlanOptions.defaults()).hasChanges()).isFalse();
        }
        assertThat(grid.allContracts()).hasSize(10);
    }

    @Test
    void anInterruptedDestroyIsToldApartFromAnInterruptedApplySoItIsFinishedByDestroy() {
        try (Reconciler r = open("apply")) {
            r.apply(r.plan(cluster, PlanOptions.defaults()), cluster, ApplyListener.NONE);
            assertThat(r.interruptedOperation()).isEmpty();
        }
        grid.crashAfter(FakeGrid.Op.CANCEL, 4);
        try (Reconciler r = open("destroy")) {
            Plan plan = r.planDestroy();
            assertThatThrownBy(() -> r.destroy(plan, ApplyListener.NONE)).isInstanceOf(SimulatedCrash.class);
        }
        try (Reconciler r = open("destroy")) {
            assertThat(r.interruptedOperation()).contains(PlanMode.DESTROY);
            assertThatThrownBy(r::planDestroy).isInstanceOf(QsctlException.class)
                    .hasMessageContaining("an earlier destroy of photos was interrupted")
                    .hasMessageContaining("(destroy --resume)");
            r.resume(ApplyListener.NONE);
            assertThat(r.interruptedOperation()).isEmpty();
            r.destroy(r.planDestroy(), ApplyListener.NONE);
            assertThat(r.state().backends()).isEmpty();
        }
        assertThat(grid.allContracts()).hasSize(10).noneMatch(c -> c.state() == io.qsctl.provider.ContractState.CREATED);
    }

    @Test
    void aSavedPlanWithNothingToDoIsStaleOnceAnotherApplyChangedTheState() {
        try (Reconciler r = open("apply")) {
            r.apply(r.plan(cluster, PlanOptions.defaults()), cluster, ApplyListener.NONE);
        }
        Plan nothing;
        try (Reconciler r = open("plan")) {
            nothing = r.plan(cluster, PlanOptions.defaults());
            assertThat(nothing.hasChanges()).isFalse();
            r.verify(nothing, cluster);
        }
        StorageCluster bigger = Clusters.named("photos").capacityGib(200).count(6).build();
        try (Reconciler r = open("apply")) {
            r.apply(r.plan(bigger, PlanOptions.defaults()), bigger, ApplyListener.NONE);
        }
        try (Reconciler r = open("apply")) {
            assertThatThrownBy(() -> r.verify(nothing, cluster)).isInstanceOf(QsctlException.class)
                    .hasMessageContaining("the plan is stale").extracting(e -> ((QsctlException) e).exitCode())
                    .isEqualTo(ExitCode.CONFLICT);
        }
    }

    @Test
    void aSpecOfAnotherClusterIsRefused() {
        try (Reconciler r = open("plan")) {
            assertThatThrownBy(() -> r.plan(Clusters.named("videos").build(), PlanOptions.defaults()))
                    .hasMessageContaining("the spec is for cluster videos");
        }
    }

    @Test
    void destroyThroughTheFacadeLeavesNothing() {
        try (Reconciler r = open("apply")) {
            r.apply(r.plan(cluster, PlanOptions.defaults()), cluster, ApplyListener.NONE);
        }
        try (Reconciler r = open("destroy")) {
            Plan plan = r.planDestroy();
            assertThat(plan.mode()).isEqualTo(PlanMode.DESTROY);
            assertThat(plan.summary().delete()).isEqualTo(10);
            r.destroy(plan, ApplyListener.NONE);
            assertThat(r.state().destroyed()).isTrue();
        }
        assertThat(grid.liveContracts()).isEmpty();
    }

    @Test
    void aDestroyThatStoppedJustBeforeMarkingTheStateIsFinishedByTheNextOne() {
        try (Reconciler r = open("apply")) {
            r.apply(r.plan(cluster, PlanOptions.defaults()), cluster, ApplyListener.NONE);
        }
        try (Reconciler r = open("destroy")) {
            r.destroy(r.planDestroy(), ApplyListener.NONE);
        }
        // What a destroy killed after its last cancellation leaves: no backends, not marked destroyed.
        StateStore store = new StateStore(dir.resolve("photos"), identity.stateKey("photos"), "0.1.0-test");
        StateSnapshot last = store.read().orElseThrow();
        ClusterState marked = ClusterStateJson.fromJson(last.body());
        store.write(last, ClusterStateJson.toJson(new ClusterState(marked.version(), marked.cluster(),
                marked.network(), marked.twin(), marked.specHash(), List.of(), marked.avoided(), false)));

        try (Reconciler r = open("destroy")) {
            assertThat(r.destroyed()).isFalse();
            Plan plan = r.planDestroy();
            assertThat(plan.hasChanges()).isFalse();
            r.destroy(plan, ApplyListener.NONE);
            assertThat(r.state().destroyed()).isTrue();
            assertThat(r.destroyed()).isTrue();
        }
        assertThat(grid.liveContracts()).isEmpty();
    }

    @Test
    void aClusterWithoutStateCountsAsDestroyed() {
        try (Reconciler r = open("destroy")) {
            assertThat(r.destroyed()).isTrue();
            assertThat(r.planDestroy().hasChanges()).isFalse();
        }
    }

    @Test
    void theSavedStateHoldsNoSecretOfTheIdentity() throws Exception {
        try (Reconciler r = open("apply")) {
            r.apply(r.plan(cluster, PlanOptions.defaults()), cluster, ApplyListener.NONE);
        }
        StateStore store = new StateStore(dir.resolve("photos"), identity.stateKey("photos"), "0.1.0-test");
        String state = store.read().orElseThrow().body().toString();
        List<String> secrets = new ArrayList<>();
        for (BackendRecord backend : ClusterStateJson.fromJson(store.read().orElseThrow().body()).backends()) {
            secrets.add(identity.namespacePassword("photos", backend.name()));
        }
        assertThat(secrets).hasSize(10);
        for (byte[] key : List.of(identity.stateKey("photos"), identity.dataKey("photos"), identity.metadataKey("photos"))) {
            secrets.add(java.util.HexFormat.of().formatHex(key));
            secrets.add(java.util.Base64.getEncoder().encodeToString(key));
        }
        assertThat(secrets).allSatisfy(secret -> assertThat(state).doesNotContain(secret));
        assertThat(new String(java.nio.file.Files.readAllBytes(dir.resolve("photos").resolve(StateStore.FILE)),
                java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("data-00");
    }
}
