package io.qsctl.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qsctl.common.ExitCode;
import io.qsctl.common.QsctlException;
import io.qsctl.provider.Contract;
import io.qsctl.provider.ContractId;
import io.qsctl.provider.GridException;
import io.qsctl.provider.NodeId;
import io.qsctl.provider.NodeStatus;
import io.qsctl.provider.Tft;
import io.qsctl.reconciler.api.Action;
import io.qsctl.reconciler.api.ApplyEvent;
import io.qsctl.reconciler.api.ApplyListener;
import io.qsctl.reconciler.api.ApplyOptions;
import io.qsctl.reconciler.api.ApplyResult;
import io.qsctl.reconciler.api.AvoidedNode;
import io.qsctl.reconciler.api.BackendRecord;
import io.qsctl.reconciler.api.BackendStatus;
import io.qsctl.reconciler.api.ClusterState;
import io.qsctl.reconciler.api.CreateBackend;
import io.qsctl.reconciler.api.DeleteBackend;
import io.qsctl.reconciler.api.PartialApplyException;
import io.qsctl.reconciler.api.Plan;
import io.qsctl.reconciler.api.PlanFile;
import io.qsctl.reconciler.api.PlanOptions;
import io.qsctl.reconciler.api.ReplaceBackend;
import io.qsctl.reconciler.api.Resolution;
import io.qsctl.reconciler.api.SpecHash;
import io.qsctl.spec.ByteSize;
import io.qsctl.spec.StorageCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplierTest {

    @TempDir
    Path dir;

    private World world;

    @BeforeEach
    void catalogue() {
        world = new World(dir).catalogue(12, 4, 500, "BE", "NL", "DE");
    }

    private static StorageCluster cluster(int count) {
        return Clusters.named(World.CLUSTER).capacityGib(100L * count / 6).count(count).build();
    }

    private static List<String> names(int data, int meta) {
        List<String> out = new ArrayList<>();
        IntStream.range(0, data).forEach(i -> out.add(String.format("data-%02d", i)));
        IntStream.range(0, meta).forEach(i -> out.add("meta-" + i));
        return out;
    }

    @Test
    void theFirstApplyCreatesExactlyTheDesiredBackendsAndSavesThemActive() {
        ApplyResult result = world.converge(cluster(6));

        assertThat(world.liveNames()).containsExactlyElementsOf(names(6, 4));
        assertThat(world.grid.allContracts()).hasSize(10);
        ClusterState state = world.state();
        assertThat(state.backends()).hasSize(10).allSatisfy(b -> {
            assertThat(b.status()).isEqualTo(BackendStatus.ACTIVE);
            assertThat(b.endpoint()).hasValueSatisfying(e -> assertThat(e).endsWith(":9900"));
            assertThat(b.generation()).isEqualTo(1);
        });
        assertThat(state.specHash()).contains(SpecHash.of(cluster(6)));
        assertThat(state.twin()).isPresent();
        assertThat(result.summary()).isEqualTo("Apply complete! 10 created, 0 grown, 0 replaced, 0 deleted.");
        assertThat(world.unsettled()).isFalse();
        assertThat(world.grid.calls(FakeGrid.Op.RESERVE)).isEqualTo(1);
    }

    @Test
    void theStateIsSavedAfterEveryBackend() {
        ApplyResult result = world.converge(cluster(6));
        // created, twin recorded, one version per backend, spec hash recorded
        assertThat(result.serial()).isEqualTo(1 + 1 + 10 + 1);
    }

    @Test
    void progressIsReportedInTerraformsWords() {
        world.converge(cluster(6));
        List<String> lines = world.events.stream().map(ApplyEvent::message).toList();
        assertThat(lines).anyMatch(l -> l.startsWith("data-00: Creating... [node "));
        assertThat(lines).anyMatch(l -> l.matches("data-00: Creation complete after \\d+s \\[contract=\\d+]"));
        assertThat(lines).anyMatch(l -> l.startsWith("Signing reservation batch 1 of 1 (10 backends, "));
    }

    @Test
    void applyingAPlanWithoutChangesChangesNothing() {
        world.converge(cluster(6));
        long serial = world.binding().serial();
        ApplyResult again = world.converge(cluster(6));
        assertThat(again.done()).isEmpty();
        assertThat(world.binding().serial()).isEqualTo(serial);
        assertThat(world.grid.allContracts()).hasSize(10);
    }

    @Test
    void raisingTheCountCreatesExactlyTheNewBackendsAndTouchesNoOther() {
        world.converge(cluster(6));
        Set<ContractId> before = world.live().stream().map(Contract::id).collect(Collectors.toSet());
        Plan plan = world.plan(Clusters.named(World.CLUSTER).capacityGib(100).count(8).build());
        assertThat(plan.actions()).extracting(Action::backend).containsExactly("data-06", "data-07");
        world.apply(plan, Clusters.named(World.CLUSTER).capacityGib(100).count(8).build());

        assertThat(world.liveNames()).containsExactlyElementsOf(names(8, 4));
        assertThat(world.live().stream().map(Contract::id)).containsAll(before);
        assertThat(world.grid.allContracts()).hasSize(12);
    }

    @Test
    void raisingTheCapacityGrowsEveryDataBackendInPlace() {
        world.converge(cluster(6));
        Set<ContractId> before = world.live().stream().map(Contract::id).collect(Collectors.toSet());
        StorageCluster bigger = Clusters.named(World.CLUSTER).capacityGib(200).count(6).build();
        ApplyResult result = world.converge(bigger);

        assertThat(result.summary()).isEqualTo("Apply complete! 0 created, 6 grown, 0 replaced, 0 deleted.");
        assertThat(world.live().stream().map(Contract::id).collect(Collectors.toSet())).isEqualTo(before);
        assertThat(world.state().backends().stream().filter(b -> b.name().startsWith("data")))
                .allSatisfy(b -> {
                    assertThat(b.size()).isEqualTo(63 * ByteSize.GIB);
                    assertThat(b.generation()).isEqualTo(2);
                    assertThat(world.grid.contract(b.contract()).orElseThrow().size()).isEqualTo(63 * ByteSize.GIB);
                });
        assertThat(world.plan(bigger).hasChanges()).isFalse();
    }

    @Test
    void loweringTheCountRemovesTheHighestBackends() {
        world.converge(Clusters.named(World.CLUSTER).capacityGib(150).count(9).build());
        world.converge(Clusters.named(World.CLUSTER).capacityGib(100).count(6).build());
        assertThat(world.liveNames()).containsExactlyElementsOf(names(6, 4));
        assertThat(world.state().backends()).hasSize(10);
    }

    @Test
    void changingTheCountriesReplacesCreateBeforeDestroyNeverDroppingBelowTheDesiredCount() {
        StorageCluster inBeNl = Clusters.named(World.CLUSTER).capacityGib(100).count(6).countries("BE", "NL").build();
        StorageCluster inBeDe = Clusters.named(World.CLUSTER).capacityGib(100).count(6).countries("BE", "DE").build();
        world.converge(inBeNl);
        List<Integer> liveAtEachCancel = new ArrayList<>();
        world.grid.beforeCancel(() -> liveAtEachCancel.add(world.live().size()));

        Plan plan = world.plan(inBeDe);
        int replaced = plan.actionsOf(ReplaceBackend.class).size();
        ApplyResult result = world.apply(plan, inBeDe);

        assertThat(replaced).isPositive();
        assertThat(liveAtEachCancel).hasSize(replaced).allSatisfy(n -> assertThat(n).isGreaterThan(10));
        assertThat(world.liveNames()).containsExactlyElementsOf(names(6, 4));
        assertThat(world.state().backends()).allSatisfy(b -> {
            assertThat(b.country()).isIn("BE", "DE");
            assertThat(b.status()).isEqualTo(BackendStatus.ACTIVE);
        });
        assertThat(world.grid.allContracts()).hasSize(10 + replaced);
        assertThat(result.summary()).contains(replaced + " replaced");
        List<String> lines = world.events.stream().map(ApplyEvent::message).toList();
        assertThat(lines).anyMatch(l -> l.contains(": Replacement ready [contract="));
        assertThat(lines).anyMatch(l -> l.contains(": Replacement complete after"));
        assertThat(world.plan(inBeDe).hasChanges()).isFalse();
    }

    @Test
    void destroyLeavesNothingOnTheGrid() {
        world.converge(cluster(6));
        ApplyResult result = world.destroy();

        assertThat(world.live()).isEmpty();
        assertThat(world.state().destroyed()).isTrue();
        assertThat(world.state().backends()).isEmpty();
        assertThat(result.summary()).isEqualTo("Destroy complete! 10 backends deleted.");
        assertThat(world.destroy().done()).isEmpty();
    }

    @Test
    void aPlanIsRefusedOnceTheStateHasMovedOn() {
        world.converge(cluster(6));
        Plan stale = world.plan(cluster(8));
        world.converge(Clusters.named(World.CLUSTER).capacityGib(200).count(6).build());

        assertThatThrownBy(() -> world.apply(stale, cluster(8))).isInstanceOf(QsctlException.class)
                .hasMessageContaining("the plan is stale").hasMessageContaining("plan again")
                .extracting(e -> ((QsctlException) e).exitCode()).isEqualTo(ExitCode.CONFLICT);
    }

    @Test
    void aPlanIsRefusedForAnotherSpec() {
        Plan plan = world.plan(cluster(6));
        assertThatThrownBy(() -> world.apply(plan, cluster(7))).isInstanceOf(QsctlException.class)
                .hasMessageContaining("different spec").extracting(e -> ((QsctlException) e).exitCode())
                .isEqualTo(ExitCode.CONFLICT);
        assertThat(world.grid.allContracts()).isEmpty();
    }

    @Test
    void aPlanWhoseQuoteExpiredIsRefused() {
        Plan plan = world.plan(cluster(6));
        world.grid.advance(Duration.ofHours(2));
        assertThatThrownBy(() -> world.apply(plan, cluster(6))).isInstanceOf(QsctlException.class)
                .hasMessageContaining("price quote expired").extracting(e -> ((QsctlException) e).exitCode())
                .isEqualTo(ExitCode.CONFLICT);
    }

    @Test
    void aFirstPlanIsRefusedOnceAStateExists() {
        Plan first = world.plan(cluster(6));
        world.converge(cluster(6));
        assertThatThrownBy(() -> world.apply(first, cluster(6))).hasMessageContaining("had no state");
    }

    @Test
    void aPlanWhoseNodeWentDownIsRefusedAsStale() {
        Plan plan = world.plan(cluster(6));
        world.grid.setStatus(plan.actionsOf(CreateBackend.class).get(3).target().node(), NodeStatus.DOWN);
        assertThatThrownBy(() -> world.apply(plan, cluster(6))).hasMessageContaining("the grid changed")
                .hasMessageContaining("data-03");
        assertThat(world.grid.allContracts()).isEmpty();
    }

    @Test
    void aSavedPlanFileIsAppliedAsIs() {
        Plan plan = world.plan(cluster(6));
        Path file = dir.resolve("p.qsplan");
        PlanFile.write(plan, file);
        world.apply(PlanFile.read(file), cluster(6));
        assertThat(world.liveNames()).containsExactlyElementsOf(names(6, 4));
    }

    @Test
    void anEmptyWalletStopsTheApplyNamingTheBackendAndResumingFinishesIt() {
        world.grid.setStartingFunds(new Tft(3 * FakeGrid.hourly(32 * ByteSize.GIB).units()));
        Plan plan = world.plan(cluster(6));

        PartialApplyException e = org.junit.jupiter.api.Assertions.assertThrows(PartialApplyException.class,
                () -> world.apply(plan, cluster(6)));

        assertThat(e.exitCode()).isEqualTo(ExitCode.PARTIAL);
        assertThat(e.backend()).isEqualTo("data-03");
        assertThat(e.getMessage()).contains("apply stopped at data-03 (create): the wallet cannot pay for it")
                .contains("Top up the wallet of twin").contains("Resume with: qsctl apply -f storage.yaml --resume");
        assertThat(world.state().backends()).extracting(BackendRecord::name).containsExactly("data-00", "data-01",
                "data-02");
        assertThat(world.unsettled()).isFalse();

        world.grid.setBalance(world.state().twin().orElseThrow(), Tft.of(1000));
        world.resumeAndConverge(cluster(6));
        assertThat(world.liveNames()).containsExactlyElementsOf(names(6, 4));
        assertThat(world.grid.allContracts()).hasSize(10);
    }

    @Test
    void aNodeThatRefusesIsNamedPassedOverAndTheBackendGoesElsewhereOnResume() {
        Plan plan = world.plan(cluster(6));
        NodeId refusing = plan.actionsOf(CreateBackend.class).get(2).target().node();
        world.grid.refuse(refusing, GridException.Kind.NODE_REFUSED);

        PartialApplyException e = org.junit.jupiter.api.Assertions.assertThrows(PartialApplyException.class,
                () -> world.apply(plan, cluster(6)));
        assertThat(e.backend()).isEqualTo("data-02");
        assertThat(e.getMessage()).contains("the node refused it").contains("Node " + refusing + " is passed over");
        assertThat(world.state().avoided()).extracting(AvoidedNode::node).containsExactly(refusing);

        world.resumeAndConverge(cluster(6));
        assertThat(world.liveNames()).containsExactlyElementsOf(names(6, 4));
        assertThat(world.live()).extracting(Contract::node).doesNotContain(refusing);
        assertThat(world.grid.allContracts()).hasSize(10);
    }

    @Test
    void aNodeThatDiesMidApplyLeavesAResumableStateAndIsReplaced() {
        Plan plan = world.plan(cluster(6));
        NodeId dying = plan.actionsOf(CreateBackend.class).get(1).target().node();
        world.grid.dieAfterReserve(dying);

        PartialApplyException e = org.junit.jupiter.api.Assertions.assertThrows(PartialApplyException.class,
                () -> world.apply(plan, cluster(6)));
        assertThat(e.backend()).isEqualTo("data-01");
        assertThat(e.getMessage()).contains("node " + dying + " did not deploy the namespace");
        assertThat(world.state().serving("data-01")).hasValueSatisfying(b ->
                assertThat(b.status()).isEqualTo(BackendStatus.DEPLOYING));
        assertThat(world.state().backends()).hasSize(10);

        world.resumeAndConverge(cluster(6));
        assertThat(world.liveNames()).containsExactlyElementsOf(names(6, 4));
        assertThat(world.live()).extracting(Contract::node).doesNotContain(dying);
        assertThat(world.state().backends()).hasSize(10).allMatch(b -> b.status() == BackendStatus.ACTIVE);
        assertThat(world.grid.allContracts()).hasSize(11);
    }

    @Test
    void aStopRequestFinishesTheActionUnderWayAndLeavesTheRestForResume() {
        world.converge(Clusters.named(World.CLUSTER).capacityGib(150).count(9).build());
        StorageCluster smaller = Clusters.named(World.CLUSTER).capacityGib(100).count(6).build();
        Plan plan = world.plan(smaller);
        Applier applier = world.applier();
        QsctlException e = org.junit.jupiter.api.Assertions.assertThrows(QsctlException.class,
                () -> applier.apply(plan, smaller, event -> {
                    if (event instanceof ApplyEvent.ActionDone) {
                        applier.requestStop();
                    }
                }));
        assertThat(e.exitCode()).isEqualTo(ExitCode.INTERRUPTED);
        assertThat(e.getMessage()).contains("1 of 3 actions are done").contains("--resume");
        assertThat(world.liveNames()).hasSize(12);

        world.resumeAndConverge(smaller);
        assertThat(world.liveNames()).containsExactlyElementsOf(names(6, 4));
    }

    @Test
    void anInterruptedApplyMustBeResumedBeforeAnotherRuns() {
        world.grid.crashAfter(FakeGrid.Op.RESERVE, 1);
        assertThatThrownBy(() -> world.converge(cluster(6))).isInstanceOf(SimulatedCrash.class);
        world.restart();
        assertThatThrownBy(() -> world.converge(cluster(6))).isInstanceOf(QsctlException.class)
                .hasMessageContaining("Resume it first").extracting(e -> ((QsctlException) e).exitCode())
                .isEqualTo(ExitCode.PARTIAL);
        Resolution resolution = world.applier().resume(ApplyListener.NONE);
        assertThat(resolution.entries()).hasSize(10).allMatch(r -> r.outcome() == Resolution.Outcome.ADOPTED);
        assertThat(world.plan(cluster(6)).hasChanges()).isFalse();
        assertThat(world.grid.allContracts()).hasSize(10);
    }

    @Test
    void aLargePlanIsSignedInSeveralQrSizedBatches() {
        World big = new World(dir.resolve("big")).catalogue(30, 4, 500, "BE", "NL", "DE");
        List<byte[]> signed = new ArrayList<>();
        io.qsctl.provider.Signer phone = new io.qsctl.provider.Signer() {
            @Override
            public String publicKeyHex() {
                return big.identity.accountPublicKeyHex();
            }

            @Override
            public io.qsctl.provider.Signed sign(byte[] payload) {
                signed.add(payload);
                return big.identity.accountSigner().sign(payload);
            }
        };
        StorageCluster hundred = Clusters.named(World.CLUSTER).capacityGib(1000).redundancy(16, 4).count(100).build();
        Applier applier = new Applier(big.grid, big.identity, phone, big.store, big.options);
        applier.apply(big.plan(hundred), hundred, big.events::add);

        assertThat(signed).hasSizeGreaterThan(1)
                .allSatisfy(p -> assertThat(p.length).isLessThanOrEqualTo(io.qsctl.provider.ReservationBatch.MAX_PAYLOAD_BYTES));
        assertThat(big.events).filteredOn(ApplyEvent.SigningBatch.class::isInstance).hasSize(signed.size());
        assertThat(big.live()).hasSize(104);
    }

    @Test
    void whileANodeDeploysTheApplyReportsThatItIsStillCreating() {
        world.options = new ApplyOptions(Duration.ofSeconds(5), Duration.ofMillis(1), Duration.ofMillis(2), Duration.ZERO,
                Duration.ofHours(1), ApplyOptions.DEFAULT_RESUME_COMMAND);
        world.grid.deployAfterPolls(3);
        world.converge(cluster(6));
        assertThat(world.events).filteredOn(ApplyEvent.ActionWaiting.class::isInstance).isNotEmpty()
                .allSatisfy(e -> assertThat(e.message()).matches("[a-z]+-\\d+: Still creating\\.\\.\\. \\[\\d+s elapsed]"));
        assertThat(world.state().backends()).allMatch(b -> b.status() == BackendStatus.ACTIVE);
    }

    @Test
    void aReplacementWhoseNamespaceCameUpLateIsFinishedByTheNextApply() {
        world.converge(cluster(6));
        BackendRecord old = world.state().serving("data-00").orElseThrow();
        world.grid.deployAfterPolls(1_000_000);
        PartialApplyException e = org.junit.jupiter.api.Assertions.assertThrows(PartialApplyException.class,
                () -> world.apply(world.plan(cluster(6), PlanOptions.defaults().replacing("data-00")), cluster(6)));
        assertThat(e.backend()).isEqualTo("data-00");
        assertThat(world.state().backends()).filteredOn(b -> b.name().equals("data-00"))
                .extracting(BackendRecord::status).containsExactlyInAnyOrder(BackendStatus.REPLACING,
                        BackendStatus.DEPLOYING);
        assertThat(world.liveNames()).hasSize(11);

        world.grid.deployAllNow();
        Plan next = world.plan(cluster(6));
        assertThat(next.actions()).singleElement().isInstanceOfSatisfying(DeleteBackend.class, d -> {
            assertThat(d.contract()).isEqualTo(old.contract());
            assertThat(d.reason()).isEqualTo(DeleteBackend.Reason.RETIRED);
        });
        world.apply(next, cluster(6));
        assertThat(world.liveNames()).containsExactlyElementsOf(names(6, 4));
        assertThat(world.state().backends()).hasSize(10).allMatch(b -> b.status() == BackendStatus.ACTIVE);
        assertThat(world.state().serving("data-00").orElseThrow().generation()).isEqualTo(2);
    }
}
