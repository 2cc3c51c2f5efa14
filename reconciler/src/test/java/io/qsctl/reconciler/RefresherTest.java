package io.qsctl.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.qsctl.provider.ContractState;
import io.qsctl.provider.NodeStatus;
import io.qsctl.reconciler.api.BackendRecord;
import io.qsctl.reconciler.api.BackendStatus;
import io.qsctl.reconciler.api.Drift;
import io.qsctl.reconciler.api.NamespaceObservation;
import io.qsctl.reconciler.api.NamespaceProbe;
import io.qsctl.reconciler.api.Observation;
import io.qsctl.reconciler.api.ObservedBackend;
import io.qsctl.reconciler.api.Plan;
import io.qsctl.reconciler.api.PlanOptions;
import io.qsctl.reconciler.api.ReplaceBackend;
import io.qsctl.spec.StorageCluster;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Refreshing with a namespace probe: a node that lost its disk stays up on the grid, and only the
 * namespace itself can say it is gone.
 */
class RefresherTest {

    @TempDir
    Path dir;

    private World world;
    private final FakeProbe probe = new FakeProbe();

    @BeforeEach
    void catalogue() {
        world = new World(dir).catalogue(12, 4, 500, "BE", "NL", "DE");
    }

    private static StorageCluster cluster() {
        return Clusters.named(World.CLUSTER).capacityGib(100).redundancy(4, 2).count(6).metadata(4).build();
    }

    private Observation refresh() {
        return Refresher.refresh(world.grid, world.state(), world.grid.twin(world.identity.accountPublicKeyHex()),
                Optional.of(probe));
    }

    private Plan plan(PlanOptions options) {
        return new Planner(world.grid, Optional.of(probe)).plan(cluster(), world.state(), world.binding(),
                world.grid.twin(world.identity.accountPublicKeyHex()), options);
    }

    @Test
    void aNamespaceGoneFromANodeThatAnswersIsDriftAndItsBackendIsLost() {
        world.converge(cluster());
        BackendRecord d2 = world.state().serving("data-02").orElseThrow();
        probe.answer("data-02", NamespaceObservation.missing("Namespace not found"));

        Observation observation = refresh();

        ObservedBackend lost = observation.of(d2).orElseThrow();
        assertThat(lost.nodeUp()).isTrue();
        assertThat(lost.contractAlive()).isTrue();
        assertThat(lost.namespaceMissing()).isTrue();
        assertThat(lost.dead()).isTrue();
        assertThat(lost.writable()).isFalse();
        assertThat(observation.drift()).singleElement().satisfies(d -> {
            assertThat(d.backend()).isEqualTo("data-02");
            assertThat(d.kind()).isEqualTo(Drift.Kind.NAMESPACE_MISSING);
            assertThat(d.kind().replacedByApply()).isTrue();
            assertThat(d.message()).startsWith("namespace " + d2.namespace().orElseThrow() + " is gone from node "
                    + d2.node() + ", which answers (Namespace not found)");
        });
        assertThat(observation.backends().stream().filter(b -> b != lost)).allSatisfy(b -> {
            assertThat(b.namespace()).contains(NamespaceObservation.present(OptionalLong.of(0),
                    OptionalLong.of(b.record().size()), false));
            assertThat(b.writable()).isTrue();
        });
    }

    @Test
    void thePlanReplacesABackendWhoseNamespaceIsGoneNewOneFirstAndApplyDoesIt() {
        world.converge(cluster());
        BackendRecord d2 = world.state().serving("data-02").orElseThrow();
        probe.answer("data-02", NamespaceObservation.missing("Namespace not found"));

        Plan refreshOnly = plan(PlanOptions.defaults().refreshOnly(true));
        assertThat(refreshOnly.hasChanges()).isFalse();
        assertThat(refreshOnly.drift()).extracting(Drift::kind).containsExactly(Drift.Kind.NAMESPACE_MISSING);

        Plan plan = plan(PlanOptions.defaults());
        assertThat(plan.actions()).singleElement().isInstanceOfSatisfying(ReplaceBackend.class, r -> {
            assertThat(r.backend()).isEqualTo("data-02");
            assertThat(r.reason()).isEqualTo(ReplaceBackend.Reason.NAMESPACE_LOST);
            assertThat(r.why()).isEqualTo("its namespace is gone from node " + d2.node() + ", which answers: a lost disk");
            assertThat(r.target().node()).isNotEqualTo(d2.node());
        });

        world.apply(plan, cluster());
        BackendRecord successor = world.state().serving("data-02").orElseThrow();
        assertThat(successor.contract()).isNotEqualTo(d2.contract());
        assertThat(successor.status()).isEqualTo(BackendStatus.ACTIVE);
        assertThat(world.grid.contract(d2.contract()).orElseThrow().state()).isEqualTo(ContractState.DELETED);
        // the successor's namespace answers (the fake probe knows only the lost one by name and
        // contract): nothing more to do
        probe.answer("data-02", null);
        assertThat(plan(PlanOptions.defaults()).hasChanges()).isFalse();
    }

    @Test
    void aNamespaceThatDoesNotAnswerOnAnUpNodeIsDriftButNotReplacedAtOnce() {
        world.converge(cluster());
        probe.answer("meta-1", NamespaceObservation.unreachable("cannot connect: Connection refused"));

        Plan plan = plan(PlanOptions.defaults());

        assertThat(plan.hasChanges()).isFalse();
        assertThat(plan.drift()).singleElement().satisfies(d -> {
            assertThat(d.backend()).isEqualTo("meta-1");
            assertThat(d.kind()).isEqualTo(Drift.Kind.NAMESPACE_UNREACHABLE);
            assertThat(d.kind().replacedByApply()).isFalse();
            assertThat(d.message()).contains("is up on the grid, but namespace").endsWith("(cannot connect: Connection refused)");
        });
        ObservedBackend meta1 = refresh().backends().stream().filter(b -> b.record().name().equals("meta-1"))
                .findFirst().orElseThrow();
        assertThat(meta1.dead()).isFalse();
        assertThat(meta1.writable()).isFalse();
    }

    @Test
    void backendsTheGridAlreadyKnowsToBeDownAreNotAskedAndDriftDoesNotRepeatTheirName() {
        world.converge(cluster());
        BackendRecord d4 = world.state().serving("data-04").orElseThrow();
        world.grid.setStatus(d4.node(), NodeStatus.DOWN);

        Observation observation = refresh();

        assertThat(probe.asked).doesNotContainKey("data-04").hasSize(9);
        assertThat(observation.drift()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(Drift.Kind.NODE_DOWN);
            assertThat(d.message()).isEqualTo("node " + d4.node() + " is down");
        });
    }

    @Test
    void namespacesAreAskedAllAtOnceSoASlowBackendDoesNotAddUp() {
        world.converge(cluster());
        // every probe waits until all ten have started: asked one after the other, the first would wait in vain
        CountDownLatch allStarted = new CountDownLatch(10);
        probe.before = () -> {
            allStarted.countDown();
            try {
                return allStarted.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        };

        Observation observation = refresh();

        assertThat(observation.backends()).allSatisfy(b -> assertThat(b.namespace().orElseThrow().presence())
                .isEqualTo(NamespaceObservation.Presence.PRESENT));
    }

    @Test
    void withoutAProbeTheRefreshSeesOnlyWhatTheGridSays() {
        world.converge(cluster());
        probe.answer("data-02", NamespaceObservation.missing("Namespace not found"));
        Observation observation = Refresher.refresh(world.grid, world.state(),
                world.grid.twin(world.identity.accountPublicKeyHex()));
        assertThat(observation.drift()).isEmpty();
        assertThat(observation.backends()).allSatisfy(b -> assertThat(b.namespace()).isEmpty());
        assertThat(probe.asked).isEmpty();
    }

    /**
     * Answers for namespaces by backend name; every other one is present and empty. Only the
     * backend's first contract gets the scripted answer, so a successor answers as present.
     */
    private static final class FakeProbe implements NamespaceProbe {

        interface Gate {
            boolean open();
        }

        final Map<String, Integer> asked = new ConcurrentHashMap<>();
        private final Map<String, NamespaceObservation> answers = new ConcurrentHashMap<>();
        private final Map<String, io.qsctl.provider.ContractId> firstContract = new ConcurrentHashMap<>();
        volatile Gate before = () -> true;

        void answer(String backend, NamespaceObservation observation) {
            if (observation == null) {
                answers.remove(backend);
            } else {
                answers.put(backend, observation);
            }
        }

        @Override
        public NamespaceObservation observe(BackendRecord backend) {
            asked.merge(backend.name(), 1, Integer::sum);
            firstContract.putIfAbsent(backend.name(), backend.contract());
            if (!before.open()) {
                return NamespaceObservation.unreachable("timed out waiting for the other probes");
            }
            NamespaceObservation scripted = answers.get(backend.name());
            if (scripted != null && firstContract.get(backend.name()).equals(backend.contract())) {
                return scripted;
            }
            return NamespaceObservation.present(OptionalLong.of(0), OptionalLong.of(backend.size()), false);
        }
    }
}
