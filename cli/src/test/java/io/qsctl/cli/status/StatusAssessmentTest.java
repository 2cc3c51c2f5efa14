package io.qsctl.cli.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.qsctl.cli.cluster.Remedies;
import io.qsctl.provider.BackendRole;
import io.qsctl.provider.Contract;
import io.qsctl.provider.ContractId;
import io.qsctl.provider.ContractState;
import io.qsctl.provider.FarmId;
import io.qsctl.provider.Node;
import io.qsctl.provider.NodeId;
import io.qsctl.provider.NodeStatus;
import io.qsctl.provider.Resources;
import io.qsctl.provider.Tft;
import io.qsctl.provider.TwinId;
import io.qsctl.provider.ZdbMode;
import io.qsctl.reconciler.api.BackendRecord;
import io.qsctl.reconciler.api.BackendStatus;
import io.qsctl.reconciler.api.ClusterState;
import io.qsctl.reconciler.api.Drift;
import io.qsctl.reconciler.api.NamespaceObservation;
import io.qsctl.reconciler.api.Observation;
import io.qsctl.reconciler.api.ObservedBackend;
import io.qsctl.reconciler.api.SpecHash;
import io.qsctl.spec.ByteSize;
import io.qsctl.spec.SpecLoader;
import io.qsctl.spec.StorageCluster;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verdict of {@code qsctl status} from the facts: which states make it 5 (attention) and which
 * 6 (critical), on the quickstart's 4+2 shards over 6 data and 4 metadata backends of 4 GiB.
 */
class StatusAssessmentTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final TwinId TWIN = new TwinId(46);
    private static final long GIB = ByteSize.GIB;
    private static final Remedies REMEDIES = new Remedies("storage.yaml", true);
    private static final StorageCluster SPEC = SpecLoader.load("storage.yaml", new ByteArrayInputStream("""
            apiVersion: qsctl.io/v1
            kind: StorageCluster
            metadata:
              name: quickstart
            spec:
              network: local
              capacity: 10GiB
              redundancy: {dataShards: 4, parityShards: 2}
              nodes: {count: 6}
              funding: {minRunwayDays: 30, alertRunwayDays: 14}
            """.getBytes(StandardCharsets.UTF_8)));

    @TempDir
    Path dir;

    /** Ten healthy backends, each namespace 1 GiB used of 4 GiB, each on its own up node. */
    private static List<ObservedBackend> healthy() {
        List<ObservedBackend> out = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            BackendRole role = i < 6 ? BackendRole.DATA : BackendRole.METADATA;
            String name = role == BackendRole.DATA ? "data-0" + i : "meta-" + (i - 6);
            BackendRecord record = new BackendRecord(name, role, new NodeId(i + 1), new FarmId(1), "BE", 4 * GIB,
                    ZdbMode.SEQ, new ContractId(i + 10), "hash", Optional.of("46-" + (i + 10) + "-" + name),
                    Optional.of("127.0.0.1:" + (9000 + i)), BackendStatus.ACTIVE, 1, NOW, NOW);
            out.add(new ObservedBackend(record, Optional.of(contract(record, ContractState.CREATED)),
                    Optional.of(node(record.node(), NodeStatus.UP)), Optional.empty(),
                    Optional.of(NamespaceObservation.present(OptionalLong.of(GIB), OptionalLong.of(4 * GIB), false))));
        }
        return out;
    }

    private static Contract contract(BackendRecord r, ContractState state) {
        return new Contract(r.contract(), TWIN, r.node(), state, "hash", "{}", r.size(), NOW,
                state == ContractState.GRACE ? Optional.of(NOW) : Optional.empty());
    }

    private static Node node(NodeId id, NodeStatus status) {
        return new Node(id, new FarmId(1), "farm", new TwinId(5000), "BE", "City", status, true,
                new Resources(8, 16, 100, 500 * GIB), new Resources(0, 0, 0, 0), 1000, NOW, false, BigDecimal.ONE,
                List.of("zdb"));
    }

    /** The backends with {@code change} applied to those named. */
    private static List<ObservedBackend> with(List<ObservedBackend> all, UnaryOperator<ObservedBackend> change,
                                              String... names) {
        List<String> wanted = List.of(names);
        return all.stream().map(b -> wanted.contains(b.record().name()) ? change.apply(b) : b).toList();
    }

    private static ObservedBackend wiped(ObservedBackend b) {
        return b.withNamespace(NamespaceObservation.missing("Namespace not found"));
    }

    private static ObservedBackend unreachable(ObservedBackend b) {
        return b.withNamespace(NamespaceObservation.unreachable("Connection refused"));
    }

    private static ObservedBackend nodeDown(ObservedBackend b) {
        return new ObservedBackend(b.record(), b.contract(), Optional.of(node(b.record().node(), NodeStatus.DOWN)),
                Optional.empty(), Optional.empty());
    }

    private static ObservedBackend usedUpTo(ObservedBackend b, long used) {
        return b.withNamespace(NamespaceObservation.present(OptionalLong.of(used), OptionalLong.of(4 * GIB), false));
    }

    private static StatusReport assess(List<ObservedBackend> backends, Tft balance, Tft hourly) {
        return assess(backends, balance, hourly, SpecHash.of(SPEC));
    }

    private static StatusReport assess(List<ObservedBackend> backends, Tft balance, Tft hourly, String appliedSpec) {
        ClusterState state = new ClusterState(ClusterState.VERSION, "quickstart", "local", Optional.of(TWIN),
                Optional.of(appliedSpec), backends.stream().map(ObservedBackend::record).toList(), List.of(), false);
        List<Drift> drift = new ArrayList<>();
        for (ObservedBackend b : backends) {
            if (b.namespaceMissing()) {
                drift.add(new Drift(b.record().name(), Optional.of(b.record().contract()), Drift.Kind.NAMESPACE_MISSING,
                        "namespace gone"));
            }
        }
        Observation observation = new Observation(NOW, Optional.of(TWIN), backends, List.of(), drift);
        return StatusAssessment.assess(SPEC, state, true, observation, balance, hourly, REMEDIES);
    }

    private static final Tft RICH = Tft.parse("1000");
    private static final Tft HOURLY = Tft.parse("0.01");

    private static Map<String, Condition> conditions(StatusReport report) {
        return report.conditions().stream().collect(Collectors.toMap(Condition::type, c -> c));
    }

    @Test
    void aHealthyFundedClusterAsDeclaredIsHealthyWithEveryConditionTrue() {
        StatusReport report = assess(healthy(), RICH, HOURLY);
        assertThat(report.health()).isEqualTo(Health.HEALTHY);
        assertThat(report.health().exitCode().code()).isZero();
        assertThat(report.conditions()).extracting(Condition::type).containsExactly("Ready", "BackendsHealthy",
                "CapacityAvailable", "Funded", "Synced");
        assertThat(report.conditions()).allMatch(Condition::holds);
        CapacityReport capacity = report.capacity().orElseThrow();
        assertThat(capacity.usedBytes()).isEqualTo(6 * GIB);
        assertThat(capacity.limitBytes()).isEqualTo(24 * GIB);
        // 3 GiB free on each of the 6: one object's shards may take 3 GiB on each, 4 data shards of them
        assertThat(capacity.largestObjectBytes()).isBetween(11 * GIB, 12 * GIB);
    }

    @Test
    void oneLostDataBackendNeedsAttentionAndSaysWhatToRun() {
        StatusReport report = assess(with(healthy(), StatusAssessmentTest::wiped, "data-02"), RICH, HOURLY);
        assertThat(report.health()).isEqualTo(Health.ATTENTION);
        assertThat(report.health().exitCode().code()).isEqualTo(5);
        Map<String, Condition> c = conditions(report);
        assertThat(c.get("Ready").reason()).isEqualTo("BackendsLost");
        assertThat(c.get("BackendsHealthy").message()).startsWith("1 lost (data-02) of 10 backends; `qsctl apply -f"
                + " storage.yaml` replaces the lost");
        assertThat(c.get("Synced").reason()).isEqualTo("Drift");
        assertThat(report.count(BackendCheck.State.LOST)).isEqualTo(1);
    }

    @Test
    void oneUnreachableDataBackendAndOneUnreachableMetadataBackendStillOnlyNeedAttention() {
        StatusReport report = assess(with(healthy(), StatusAssessmentTest::unreachable, "data-05", "meta-3"), RICH,
                HOURLY);
        assertThat(report.health()).isEqualTo(Health.ATTENTION);
        assertThat(conditions(report).get("BackendsHealthy").reason()).isEqualTo("BackendsUnreachable");
        assertThat(conditions(report).get("BackendsHealthy").message()).contains("`qsctl replace backend data-05 -f"
                + " storage.yaml`");
    }

    @Test
    void fewerWritableDataBackendsThanAWriteNeedsIsCritical() {
        // 4+2: a write needs 5; two lost leave 4
        StatusReport report = assess(with(healthy(), StatusAssessmentTest::nodeDown, "data-00", "data-03"), RICH,
                HOURLY);
        assertThat(report.health()).isEqualTo(Health.CRITICAL);
        assertThat(report.health().exitCode().code()).isEqualTo(6);
        assertThat(conditions(report).get("CapacityAvailable").reason()).isEqualTo("TooFewWritableBackends");
    }

    @Test
    void metadataShortOfItsWriteQuorumIsCritical() {
        // 4 metadata backends: writes need 3
        assertThat(assess(with(healthy(), StatusAssessmentTest::unreachable, "meta-0"), RICH, HOURLY).health())
                .isEqualTo(Health.ATTENTION);
        assertThat(assess(with(healthy(), StatusAssessmentTest::unreachable, "meta-0", "meta-2"), RICH, HOURLY)
                .health()).isEqualTo(Health.CRITICAL);
    }

    @Test
    void anEmptyWalletWithContractsToPayIsCriticalAndAShortRunwayNeedsAttention() {
        StatusReport empty = assess(healthy(), Tft.ZERO, HOURLY);
        assertThat(empty.health()).isEqualTo(Health.CRITICAL);
        assertThat(conditions(empty).get("Funded").reason()).isEqualTo("WalletEmpty");
        assertThat(conditions(empty).get("Funded").message()).contains("`qsctl grid fund 46`");

        // 0.01 TFT/hour: 2.4 TFT cover 10 days, under the alert at 14
        StatusReport shortRunway = assess(healthy(), Tft.parse("2.4"), HOURLY);
        assertThat(shortRunway.health()).isEqualTo(Health.ATTENTION);
        assertThat(conditions(shortRunway).get("Funded").reason()).isEqualTo("RunwayLow");
        assertThat(conditions(shortRunway).get("Funded").message()).startsWith("the wallet covers 10.0 days, less than"
                + " funding.alertRunwayDays (14)");
    }

    @Test
    void aContractInGraceMakesItsBackendReadOnlyAndNeedsAttention() {
        StatusReport report = assess(with(healthy(), b -> new ObservedBackend(b.record(),
                Optional.of(contract(b.record(), ContractState.GRACE)), b.node(), b.endpoint(), b.namespace()),
                "data-01"), RICH, HOURLY);
        assertThat(report.health()).isEqualTo(Health.ATTENTION);
        assertThat(conditions(report).get("Funded").reason()).isEqualTo("ContractsInGrace");
        assertThat(report.count(BackendCheck.State.READ_ONLY)).isEqualTo(1);
    }

    @Test
    void dataBackendsWithNoRoomForAnotherStripeAreFullAndTheClusterCritical() {
        List<ObservedBackend> full = healthy();
        for (String name : List.of("data-00", "data-01", "data-02", "data-03", "data-04", "data-05")) {
            full = with(full, b -> usedUpTo(b, 4 * GIB - 1024 * 1024), name);
        }
        StatusReport report = assess(full, RICH, HOURLY);
        assertThat(report.health()).isEqualTo(Health.CRITICAL);
        assertThat(report.count(BackendCheck.State.FULL)).isEqualTo(6);

        // room for a few stripes only: under 10% of spec.capacity, writes still go on
        List<ObservedBackend> nearlyFull = healthy();
        for (String name : List.of("data-00", "data-01", "data-02", "data-03", "data-04", "data-05")) {
            nearlyFull = with(nearlyFull, b -> usedUpTo(b, 4 * GIB - 100L * 1024 * 1024), name);
        }
        StatusReport low = assess(nearlyFull, RICH, HOURLY);
        assertThat(low.health()).isEqualTo(Health.ATTENTION);
        assertThat(conditions(low).get("CapacityAvailable").reason()).isEqualTo("CapacityLow");
        assertThat(conditions(low).get("CapacityAvailable").message()).contains("raise spec.capacity in storage.yaml"
                + " and run `qsctl apply -f storage.yaml`, or delete objects");
    }

    @Test
    void aSpecChangedSinceTheLastApplyIsNotSynced() {
        StatusReport report = assess(healthy(), RICH, HOURLY, "another-spec");
        assertThat(report.health()).isEqualTo(Health.ATTENTION);
        assertThat(conditions(report).get("Synced").reason()).isEqualTo("SpecChanged");
    }

    @Test
    void aConditionKeepsTheTimeItChangedStatusUntilItChangesAgain() throws Exception {
        ConditionLog log = new ConditionLog(dir);
        Instant first = NOW;
        List<Condition> stamped = log.stamp(assess(healthy(), RICH, HOURLY).conditions(), first);
        log.save(stamped);
        assertThat(stamped).allSatisfy(c -> assertThat(c.since()).contains(first));

        Instant later = NOW.plusSeconds(600);
        List<Condition> lost = log.stamp(assess(with(healthy(), StatusAssessmentTest::wiped, "data-02"), RICH, HOURLY)
                .conditions(), later);
        log.save(lost);
        Map<String, Condition> byType = lost.stream().collect(Collectors.toMap(Condition::type, c -> c));
        assertThat(byType.get("BackendsHealthy").since()).contains(later);
        assertThat(byType.get("Funded").since()).contains(first);

        List<Condition> still = log.stamp(assess(with(healthy(), StatusAssessmentTest::wiped, "data-02"), RICH, HOURLY)
                .conditions(), later.plusSeconds(600));
        assertThat(still.stream().filter(c -> c.type().equals("BackendsHealthy")).findFirst().orElseThrow().since())
                .contains(later);
        assertThat(Files.readString(log.file())).doesNotContain("data-02").doesNotContain("message");
    }
}
