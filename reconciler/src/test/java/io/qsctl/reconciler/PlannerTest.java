package io.qsctl.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qsctl.common.ExitCode;
import io.qsctl.common.QsctlException;
import io.qsctl.provider.BackendRole;
import io.qsctl.provider.NodeId;
import io.qsctl.provider.NodeStatus;
import io.qsctl.provider.ZdbMode;
import io.qsctl.reconciler.api.Action;
import io.qsctl.reconciler.api.BackendRecord;
import io.qsctl.reconciler.api.ClusterState;
import io.qsctl.reconciler.api.CreateBackend;
import io.qsctl.reconciler.api.DeleteBackend;
import io.qsctl.reconciler.api.Drift;
import io.qsctl.reconciler.api.GrowBackend;
import io.qsctl.reconciler.api.Plan;
import io.qsctl.reconciler.api.PlanMode;
import io.qsctl.reconciler.api.PlanOptions;
import io.qsctl.reconciler.api.ReplaceBackend;
import io.qsctl.reconciler.api.StateBinding;
import io.qsctl.spec.ByteSize;
import io.qsctl.spec.FarmRef;
import io.qsctl.spec.Spread;
import io.qsctl.spec.StorageCluster;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlannerTest {

    @TempDir
    Path dir;

    private World world;

    @BeforeEach
    void catalogue() {
        // 12 farms (BE, NL, DE round-robin), 4 nodes each, 500 GiB of HDD per node
        world = new World(dir).catalogue(12, 4, 500, "BE", "NL", "DE");
    }

    private static StorageCluster cluster() {
        return Clusters.named(World.CLUSTER).capacityGib(100).redundancy(4, 2).count(6).metadata(4).build();
    }

    @Test
    void theFirstPlanCreatesEveryDataAndMetadataBackendOnItsOwnNode() {
        Plan plan = world.plan(cluster());

        assertThat(plan.mode()).isEqualTo(PlanMode.APPLY);
        assertThat(plan.state()).isEqualTo(StateBinding.none());
        assertThat(plan.actions()).allMatch(CreateBackend.class::isInstance).extracting(Action::backend)
                .containsExactly("data-00", "data-01", "data-02", "data-03", "data-04", "data-05", "meta-0", "meta-1",
                        "meta-2", "meta-3");
        List<CreateBackend> creates = plan.actionsOf(CreateBackend.class);
        assertThat(creates.stream().map(c -> c.target().node()).distinct()).hasSize(10);
        // 100 GiB × 6/4 ÷ 6 × 1.25 = 31.25 → 32 GiB
        assertThat(creates.subList(0, 6)).allSatisfy(c -> {
            assertThat(c.size()).isEqualTo(32 * ByteSize.GIB);
            assertThat(c.mode()).isEqualTo(ZdbMode.SEQ);
        });
        assertThat(creates.subList(6, 10)).allSatisfy(c -> {
            assertThat(c.size()).isEqualTo(ByteSize.GIB);
            assertThat(c.mode()).isEqualTo(ZdbMode.USER);
        });
        assertThat(plan.summary().line()).startsWith("Plan: 10 to create, 0 to grow, 0 to replace, 0 to delete.");
        assertThat(plan.quote().monthlyBefore().units()).isZero();
        assertThat(plan.quote().monthlyAfter().units()).isPositive();
        assertThat(plan.quote().monthlyFor("data-00")).isPresent();
    }

    @Test
    void dataBackendsAreSpreadOverFarmsAndMetadataAvoidsDataNodes() {
        Plan plan = world.plan(cluster());
        List<CreateBackend> data = plan.actionsOf(CreateBackend.class).stream()
                .filter(c -> c.role() == BackendRole.DATA).toList();
        List<CreateBackend> meta = plan.actionsOf(CreateBackend.class).stream()
                .filter(c -> c.role() == BackendRole.METADATA).toList();
        assertThat(data.stream().map(c -> c.target().farm()).distinct()).hasSize(6);
        assertThat(meta).extracting(c -> c.target().node())
                .doesNotContainAnyElementsOf(data.stream().map(c -> c.target().node()).toList());
    }

    @Test
    void theSameInputsGiveTheSamePlan() {
        Plan a = world.plan(cluster());
        Plan b = world.plan(cluster());
        assertThat(b.id()).isEqualTo(a.id());
        assertThat(b.actions()).isEqualTo(a.actions());
        Plan other = world.plan(Clusters.named("other-cluster").capacityGib(100).count(6).build());
        assertThat(other.id()).isNotEqualTo(a.id());
    }

    @Test
    void aPlacementThatCannotBeMetSaysHowManyNodesMatchAndWhatToDo() {
        StorageCluster tooMany = Clusters.named(World.CLUSTER).capacityGib(100).count(20).countries("BE")
                .build();
        assertThatThrownBy(() -> world.plan(tooMany)).isInstanceOf(QsctlException.class)
                .hasMessage("nodes.placement asks for 20 nodes in BE with at least 10GiB free HDD, up and healthy; only 16"
                        + " match — relax the placement or lower nodes.count")
                .extracting(e -> ((QsctlException) e).exitCode()).isEqualTo(ExitCode.ERROR);
    }

    @Test
    void nodesThatAreDownUnhealthyOrFullAreNeverChosen() {
        world.grid.setStatus(new NodeId(1), NodeStatus.DOWN);
        world.grid.setStatus(new NodeId(2), NodeStatus.STANDBY);
        world.grid.put(unhealthy(world.grid.node(3, 1, "BE", 500)));
        world.grid.node(4, 1, "BE", 10);
        Plan plan = world.plan(Clusters.named(World.CLUSTER).capacityGib(100).count(6).spread(Spread.NONE).build());
        assertThat(plan.actionsOf(CreateBackend.class)).extracting(c -> c.target().node().value())
                .doesNotContain(1L, 2L, 3L, 4L);
    }

    private static io.qsctl.provider.Node unhealthy(io.qsctl.provider.Node n) {
        return new io.qsctl.provider.Node(n.id(), n.farmId(), n.farmName(), n.twinId(), n.country(), n.city(), n.status(),
                false, n.total(), n.used(), n.uptimeSeconds(), n.updatedAt(), n.certified(), n.priceUsd(), n.features());
    }

    @Test
    void placementFiltersByCountryFarmIdFarmNameAndExclusion() {
        StorageCluster c = Clusters.named(World.CLUSTER).capacityGib(100).count(6).metadata(4)
                .farms(new FarmRef.Id(1), new FarmRef.Name("farm4"), new FarmRef.Id(7)).exclude(1L, 2L).build();
        Plan plan = world.plan(c);
        assertThat(plan.actionsOf(CreateBackend.class)).allSatisfy(a -> {
            assertThat(a.target().farm().value()).isIn(1L, 4L, 7L);
            assertThat(a.target().node().value()).isNotIn(1L, 2L);
        });
    }

    @Test
    void aSecondPlanAfterApplyingHasNoChanges() {
        world.converge(cluster());
        Plan again = world.plan(cluster());
        assertThat(again.hasChanges()).isFalse();
        assertThat(again.hasDrift()).isFalse();
        assertThat(again.summary().line()).isEqualTo("No changes. The cluster matches the spec.");
        assertThat(again.quote().monthlyDelta().units()).isZero();
    }

    @Test
    void raisingTheCountPlansOnlyTheNewBackendsAndGrowsNone() {
        world.converge(Clusters.named(World.CLUSTER).capacityGib(120).count(6).build());
        // 120 GiB over 6: 120×1.5/6×1.25 = 37.5 → 38 GiB; over 8: 28.125 → 29 GiB (no shrink, no grow)
        Plan plan = world.plan(Clusters.named(World.CLUSTER).capacityGib(120).count(8).build());
        assertThat(plan.actions()).extracting(Action::describe).allMatch(d -> d.startsWith("+ "));
        assertThat(plan.actions()).extracting(Action::backend).containsExactly("data-06", "data-07");
        assertThat(plan.notes()).anyMatch(n -> n.contains("cannot shrink"));
    }

    @Test
    void raisingTheCapacityGrowsTheBackendsInPlace() {
        world.converge(cluster());
        Plan plan = world.plan(Clusters.named(World.CLUSTER).capacityGib(200).count(6).build());
        assertThat(plan.actions()).hasSize(6).allMatch(GrowBackend.class::isInstance);
        assertThat(plan.actionsOf(GrowBackend.class)).allSatisfy(g -> {
            assertThat(g.fromSize()).isEqualTo(32 * ByteSize.GIB);
            assertThat(g.toSize()).isEqualTo(63 * ByteSize.GIB);
        });
        assertThat(plan.quote().monthlyDelta().isNegative()).isFalse();
    }

    @Test
    void loweringTheCountDeletesTheHighestIndexesFirst() {
        // 150 GiB over 9 and 100 GiB over 6 both give 32 GiB backends: nothing grows
        world.converge(Clusters.named(World.CLUSTER).capacityGib(150).count(9).metadata(6).build());
        Plan plan = world.plan(Clusters.named(World.CLUSTER).capacityGib(100).count(6).metadata(4).build());
        assertThat(plan.actions()).allMatch(DeleteBackend.class::isInstance).extracting(Action::backend)
                .containsExactly("data-08", "data-07", "data-06", "meta-5", "meta-4");
        assertThat(plan.quote().monthlyDelta().isNegative()).isTrue();
    }

    @Test
    void changingTheCountriesReplacesTheBackendsOutsideThem() {
        world.converge(Clusters.named(World.CLUSTER).capacityGib(100).count(6).countries("BE", "NL").build());
        Plan plan = world.plan(Clusters.named(World.CLUSTER).capacityGib(100).count(6).countries("BE", "DE").build());
        List<ReplaceBackend> replaced = plan.actionsOf(ReplaceBackend.class);
        assertThat(replaced).isNotEmpty().allSatisfy(r -> {
            assertThat(r.reason()).isEqualTo(ReplaceBackend.Reason.PLACEMENT);
            assertThat(r.target().country()).isIn("BE", "DE");
            assertThat(r.why()).contains("no longer satisfies nodes.placement");
        });
        ClusterState state = world.state();
        assertThat(replaced).allSatisfy(r -> assertThat(state.serving(r.backend()).orElseThrow().country()).isEqualTo("NL"));
        assertThat(plan.actions()).hasSize(replaced.size());
    }

    @Test
    void aDeadContractOrADeadNodeIsReplacedAndShownAsDrift() {
        world.converge(cluster());
        BackendRecord d1 = world.state().serving("data-01").orElseThrow();
        BackendRecord d2 = world.state().serving("data-02").orElseThrow();
        world.grid.deleteOutside(d1.contract());
        world.grid.setStatus(d2.node(), NodeStatus.DOWN);

        Plan plan = world.plan(cluster());

        assertThat(plan.drift()).extracting(Drift::kind).containsExactlyInAnyOrder(Drift.Kind.CONTRACT_DELETED,
                Drift.Kind.NODE_DOWN);
        Map<String, ReplaceBackend.Reason> reasons = plan.actionsOf(ReplaceBackend.class).stream()
                .collect(Collectors.toMap(Action::backend, ReplaceBackend::reason));
        assertThat(reasons).containsOnly(Map.entry("data-01", ReplaceBackend.Reason.CONTRACT_GONE),
                Map.entry("data-02", ReplaceBackend.Reason.NODE_DOWN));
        assertThat(plan.actionsOf(ReplaceBackend.class)).allSatisfy(r ->
                assertThat(r.target().node()).isNotIn(d1.node(), d2.node()));
    }

    @Test
    void aContractInGraceIsDriftButNotReplaced() {
        world.converge(cluster());
        world.grid.graceOutside(world.state().serving("data-03").orElseThrow().contract());
        Plan plan = world.plan(cluster());
        assertThat(plan.hasChanges()).isFalse();
        assertThat(plan.drift()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(Drift.Kind.CONTRACT_IN_GRACE);
            assertThat(d.message()).contains("top up the wallet");
        });
    }

    @Test
    void aBackendWhoseNodeHasNoRoomToGrowIsReplaced() {
        world.converge(cluster());
        BackendRecord d0 = world.state().serving("data-00").orElseThrow();
        world.grid.put(world.grid.node(d0.node().value(), d0.farm().value(), d0.country(), 40));
        world.grid.put(withUsed(world.grid.node(d0.node()).orElseThrow(), d0.size()));
        Plan plan = world.plan(Clusters.named(World.CLUSTER).capacityGib(200).count(6).build());
        assertThat(plan.actionsOf(ReplaceBackend.class)).singleElement().satisfies(r -> {
            assertThat(r.backend()).isEqualTo("data-00");
            assertThat(r.reason()).isEqualTo(ReplaceBackend.Reason.NO_ROOM_TO_GROW);
        });
        assertThat(plan.actionsOf(GrowBackend.class)).hasSize(5);
    }

    private static io.qsctl.provider.Node withUsed(io.qsctl.provider.Node n, long hru) {
        return new io.qsctl.provider.Node(n.id(), n.farmId(), n.farmName(), n.twinId(), n.country(), n.city(), n.status(),
                n.healthy(), n.total(), new io.qsctl.provider.Resources(0, 0, 0, hru), n.uptimeSeconds(), n.updatedAt(),
                n.certified(), n.priceUsd(), n.features());
    }

    @Test
    void aReplacementCanBeAskedForByName() {
        world.converge(cluster());
        Plan plan = world.plan(cluster(), PlanOptions.defaults().replacing("meta-2"));
        assertThat(plan.actions()).singleElement().isInstanceOfSatisfying(ReplaceBackend.class, r -> {
            assertThat(r.backend()).isEqualTo("meta-2");
            assertThat(r.reason()).isEqualTo(ReplaceBackend.Reason.REQUESTED);
            assertThat(r.describe()).startsWith("+/- meta-2: replace contract");
        });
        assertThatThrownBy(() -> world.plan(cluster(), PlanOptions.defaults().replacing("data-77")))
                .hasMessageContaining("cannot replace backend 'data-77'").hasMessageContaining("data-00");
    }

    @Test
    void aRefreshOnlyPlanReportsDriftAndPlansNothing() {
        world.converge(cluster());
        world.grid.setStatus(world.state().serving("data-00").orElseThrow().node(), NodeStatus.DOWN);
        Plan plan = world.plan(cluster(), PlanOptions.defaults().refreshOnly(true));
        assertThat(plan.mode()).isEqualTo(PlanMode.REFRESH_ONLY);
        assertThat(plan.hasChanges()).isFalse();
        assertThat(plan.hasDrift()).isTrue();
    }

    @Test
    void contractsOfTheClusterThatTheStateDoesNotListAreReportedNotTouched() {
        world.converge(cluster());
        // the same identity reserves a backend labelled for this cluster behind the state's back
        io.qsctl.provider.BackendSpec spec = new io.qsctl.provider.BackendSpec(World.CLUSTER, "data-09", BackendRole.DATA,
                new NodeId(40), ByteSize.GIB, ZdbMode.SEQ);
        io.qsctl.provider.TwinId twin = world.grid.twin(world.identity.accountPublicKeyHex()).orElseThrow();
        io.qsctl.provider.Deployment d = io.qsctl.provider.Deployment.of(twin, spec, "pw");
        io.qsctl.provider.ReservationBatch batch = new io.qsctl.provider.ReservationBatch("local", "x/0", twin, List.of(d),
                io.qsctl.provider.Tft.ZERO);
        world.grid.reserve(batch, world.identity.accountSigner().sign(batch.signingPayload()));

        Plan plan = world.plan(cluster());
        assertThat(plan.hasChanges()).isFalse();
        assertThat(plan.drift()).singleElement().satisfies(drift -> {
            assertThat(drift.kind()).isEqualTo(Drift.Kind.UNTRACKED_CONTRACT);
            assertThat(drift.message()).contains("photos/data-09");
        });
    }
}
