package io.qsctl.cli;

import static io.qsctl.cli.QuickstartSpec.CLUSTER;
import static org.assertj.core.api.Assertions.assertThat;

import io.qsctl.common.FileTrees;
import io.qsctl.provider.Contract;
import io.qsctl.provider.TwinId;
import io.qsctl.provider.identity.Identity;
import io.qsctl.reconciler.api.BackendRecord;
import io.qsctl.reconciler.api.ClusterState;
import io.qsctl.testing.SmallDisk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code qsctl apply} with its state directory on a disk that fills up part-way (a real tmpfs,
 * see {@link SmallDisk}), at every 4 KiB step from nothing left to enough: it fails with a clear
 * message and no stack trace, says how to resume when it stopped part-way, and once there is room
 * again {@code apply --resume} converges: every backend once, no contract paid twice, the state
 * equal to the grid, no journal entry left open.
 */
class ApplyFullDiskIT {

    private static final int MAX_LEFT_KIB = 36;

    @TempDir
    Path dir;

    @BeforeEach
    void needsSmallDisks() {
        SmallDisk.assumeAvailable();
    }

    @Test
    void anApplyThatRunsOutOfDiskAnywhereSaysSoAndResumesToExactlyTheClusterOnceThereIsRoom() {
        try (SmallDisk disk = SmallDisk.mount(dir.resolve("state"), 2 << 20);
                ClusterWorkspace workspace = new ClusterWorkspace(dir)) {
            workspace.expect(0, "grid", "up");
            Path spec = workspace.write("quickstart.yaml", QuickstartSpec.yaml(6, "10GiB", null));
            String file = spec.toString();
            Identity identity = null; // the sandbox key is made by the first apply
            List<String> report = new ArrayList<>();
            int stoppedPartWay = 0;
            int completed = 0;
            TwinId twin = null;
            for (int leftKib = 0; leftKib <= MAX_LEFT_KIB; leftKib += 4) {
                String trial = "with " + leftKib + " KiB left";
                Set<Long> before = twin == null ? Set.of() : contractIds(workspace.everyContract(twin, CLUSTER));
                disk.fillLeaving(leftKib * 1024L);

                QsctlRun full = workspace.qsctl("apply", "-f", file, "--auto-approve");
                assertThat(full.stderr()).as("%s: %s", trial, full.stderr())
                        .doesNotContain("internal error").doesNotContain("\tat ");
                switch (full.exitCode()) {
                    case 0 -> completed++;
                    case 1 -> assertThat(full.stderr()).as(trial).contains("No space left on device");
                    case 3 -> {
                        stoppedPartWay++;
                        assertThat(full.stderr()).as(trial).contains("apply stopped part-way")
                                .contains("No space left on device")
                                .contains("resume with: qsctl apply -f " + file + " --resume");
                    }
                    default -> throw new AssertionError(trial + ": exit code " + full.exitCode() + "\n" + full.stderr());
                }
                int open = workspace.pendingJournalEntries(CLUSTER);
                report.add("%2d KiB left: exit %d, %d journal entries open".formatted(leftKib, full.exitCode(), open));

                disk.release();
                workspace.expect(0, "apply", "-f", file, "--auto-approve", "--resume");
                identity = identity == null ? workspace.sandboxIdentity() : identity;
                twin = workspace.twin(identity);
                converged(workspace, identity, twin, before, trial);
                workspace.expect(0, "plan", "-f", file, "--detailed-exitcode");

                workspace.expect(0, "destroy", "-f", file, "--confirm", CLUSTER);
                assertThat(workspace.aliveContracts(twin, CLUSTER)).as(trial).isEmpty();
                forget(workspace.stateDir(CLUSTER));
            }
            System.out.println("ApplyFullDiskIT\n" + String.join("\n", report));
            // The sweep must have hit the disk's end before, during and after the grid calls.
            assertThat(stoppedPartWay).as(String.join("\n", report)).isPositive();
            assertThat(completed).as(String.join("\n", report)).isPositive();
        }
    }

    /** Exactly the six desired backends live, each made once in this trial, and the state says so. */
    private static void converged(ClusterWorkspace workspace, Identity identity, TwinId twin, Set<Long> before,
                                  String trial) {
        Map<String, Contract> live = ClusterWorkspace.byBackend(workspace.aliveContracts(twin, CLUSTER));
        assertThat(live.keySet()).as(trial).containsExactly("data-00", "data-01", "data-02", "data-03", "data-04",
                "data-05", "meta-0", "meta-1", "meta-2", "meta-3");
        List<Contract> made = workspace.everyContract(twin, CLUSTER).stream()
                .filter(c -> !before.contains(c.id().value())).toList();
        assertThat(made).as("%s: contracts made (none twice)", trial).hasSize(live.size());
        ClusterState state = workspace.state(identity, CLUSTER).orElseThrow();
        assertThat(state.backends().stream().collect(Collectors.toMap(BackendRecord::name, BackendRecord::contract)))
                .as("%s: the state names exactly the live contracts", trial)
                .isEqualTo(live.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().id())));
        assertThat(workspace.pendingJournalEntries(CLUSTER)).as("%s: open journal entries", trial).isZero();
    }

    private static Set<Long> contractIds(List<Contract> contracts) {
        return contracts.stream().map(c -> c.id().value()).collect(Collectors.toSet());
    }

    /** Starts the next trial from no state at all (the destroyed cluster's state and archives gone). */
    private static void forget(Path stateDir) {
        try {
            FileTrees.delete(stateDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
