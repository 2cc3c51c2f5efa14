package io.qsctl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qsctl.provider.identity.Identity;
import io.qsctl.provider.local.LocalGrid;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Who approves what, through the packaged CLI on its own embedded grid: nothing is approved
 * without a terminal unless a flag says so (the embedded grid included), every action is shown
 * first, those a {@code replace} brings along from the spec apart, and Ctrl-D at a question is no
 * answer. Also what destroy leaves behind and says when there is nothing left. Each test has its
 * own cluster on one shared grid.
 */
class ApprovalIT {

    private static final Duration PROMPT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;

    private static ClusterWorkspace workspace;

    @BeforeAll
    static void startTheGrid() {
        workspace = new ClusterWorkspace(dir);
        workspace.expect(0, "grid", "up");
    }

    @AfterAll
    static void stopTheGrid() {
        workspace.close();
    }

    private static String spec(String cluster, int count, String capacity) {
        return workspace.write(cluster + "-" + count + "-" + capacity + ".yaml",
                QuickstartSpec.yaml(count, capacity, null).replace("name: quickstart", "name: " + cluster)).toString();
    }

    @Test
    void withoutATerminalApplyShowsThePlanThenRefusesWithExitOneSayingHowToApprove() {
        String file = spec("no-terminal", 6, "10GiB");

        QsctlRun refused = workspace.expect(1, "apply", "-f", file);
        assertThat(refused.stdout()).contains("qsctl will perform these actions on cluster no-terminal")
                .contains("+ data-05: create").contains("+ meta-3: create")
                .contains("Plan: 10 to create, 0 to grow, 0 to replace, 0 to delete.");
        assertThat(refused.stderr()).doesNotContain("Approved without asking")
                .contains("error: approval required and there is no terminal to ask, so nothing was changed. To perform"
                        + " the actions shown, run `qsctl apply -f " + file + " --auto-approve`; or save them with `qsctl"
                        + " plan -f " + file + " --out PLANFILE` and apply that file");
        assertThat(workspace.stateDir("no-terminal").resolve("state.qss")).as("no state was written").doesNotExist();
        assertThat(liveContracts("no-terminal")).as("nothing was reserved").isZero();

        QsctlRun approved = workspace.expect(0, "apply", "-f", file, "--auto-approve");
        assertThat(approved.stdout()).contains("Apply complete! 10 created");
        assertThat(liveContracts("no-terminal")).isEqualTo(10);
    }

    @Test
    void replaceShowsWhatTheSpecBringsAlongApartFromWhatWasAskedAndWithoutATerminalChangesNothing() {
        workspace.expect(0, "apply", "-f", spec("brought-along", 6, "10GiB"), "--auto-approve");
        Map<String, JsonNode> before = workspace.backends(Path.of(spec("brought-along", 6, "10GiB")));
        String bigger = spec("brought-along", 6, "20GiB");

        QsctlRun refused = workspace.expect(1, "replace", "backend", "data-00", "-f", bigger);
        List<String> lines = refused.stdout().lines().toList();
        int asked = lines.indexOf("  Asked for:");
        int brought = lines.indexOf("  Also in this plan, from the spec (the cluster does not match it yet):");
        assertThat(asked).as("the replacement asked for, under its own heading:%n%s", refused.stdout()).isNotNegative();
        assertThat(brought).as("what the spec brings along, under its own heading").isGreaterThan(asked);
        assertThat(lines.subList(asked + 1, brought)).filteredOn(line -> line.startsWith("  +"))
                .singleElement().asString().startsWith("  +/- data-00: replace contract");
        assertThat(lines.subList(brought + 1, lines.size())).filteredOn(line -> line.startsWith("  ~ "))
                .extracting(line -> line.substring(4, 11))
                .containsExactly("data-01", "data-02", "data-03", "data-04", "data-05");
        assertThat(refused.stdout()).contains("Plan: 0 to create, 5 to grow, 1 to replace, 0 to delete.");
        assertThat(refused.stderr()).contains("approval required and there is no terminal to ask, so nothing was changed")
                .contains("run `qsctl replace backend data-00 -f " + bigger + " --auto-approve`")
                .contains("`qsctl plan -f " + bigger + " --replace data-00 --out PLANFILE`");
        assertThat(workspace.backends(Path.of(bigger))).as("nothing replaced or grown").isEqualTo(before);
    }

    @Test
    void endOfInputAtTheApprovalOrTheDestroyQuestionIsNoAnswerAndChangesNothing() {
        String file = spec("ctrl-d", 6, "10GiB");
        try (QsctlProcess apply = workspace.startOnTerminal("--no-color", "apply", "-f", file)) {
            await().atMost(PROMPT).until(() -> !apply.isAlive() || apply.stdout().contains("Enter a value:"));
            apply.typeEndOfInput();
            QsctlRun run = apply.await(PROMPT);
            assertThat(run.exitCode()).as(run.stdout()).isEqualTo(1);
            assertThat(run.stdout()).contains("error: no answer (end of input): nothing was changed")
                    .doesNotContain("no terminal");
        }
        assertThat(liveContracts("ctrl-d")).isZero();

        workspace.expect(0, "apply", "-f", file, "--auto-approve");
        try (QsctlProcess destroy = workspace.startOnTerminal("--no-color", "destroy", "-f", file)) {
            await().atMost(PROMPT).until(() -> !destroy.isAlive()
                    || destroy.stdout().contains("Type the cluster's name to confirm:"));
            destroy.typeEndOfInput();
            QsctlRun run = destroy.await(PROMPT);
            assertThat(run.exitCode()).as(run.stdout()).isEqualTo(1);
            assertThat(run.stdout()).contains("error: no answer (end of input): nothing was changed")
                    .doesNotContain("no terminal");
        }
        assertThat(liveContracts("ctrl-d")).as("nothing destroyed").isEqualTo(10);
    }

    @Test
    void aDestroyedClusterKeepsOnlyItsStateAndDestroyingItAgainSaysWhenItWasDestroyed() throws IOException {
        String file = spec("destroyed", 6, "10GiB");
        workspace.expect(0, "apply", "-f", file, "--auto-approve");
        String bigger = spec("destroyed", 7, "10GiB");
        workspace.expect(0, "apply", "-f", bigger, "--auto-approve");
        assertThat(files(workspace.stateDir("destroyed"))).as("each completed apply archived its journal")
                .filteredOn(name -> name.startsWith("journal-")).hasSize(2);

        QsctlRun destroyed = workspace.expect(0, "destroy", "-f", bigger, "--confirm", "destroyed");
        assertThat(destroyed.stdout()).contains("Destroy complete! 11 backends deleted.");
        assertThat(files(workspace.stateDir("destroyed"))).as("what a destroyed cluster leaves behind")
                .containsExactlyInAnyOrder("state.lock", "state.qss", "state.qss.backup");

        QsctlRun again = workspace.expect(0, "destroy", "-f", bigger, "--confirm", "destroyed");
        assertThat(again.stdout()).doesNotContain("No changes")
                .containsPattern("Cluster destroyed was already destroyed \\(at \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\);"
                        + " nothing to do\\.");
    }

    /** The cluster's live contracts on the grid; none before the sandbox identity has a twin. */
    private static long liveContracts(String cluster) {
        Identity identity = workspace.sandboxIdentity();
        try (LocalGrid grid = LocalGrid.connect(workspace.gridHome())) {
            return grid.twin(identity.accountPublicKeyHex()).map(twin -> workspace.aliveContracts(twin, cluster).size())
                    .orElse(0);
        }
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).toList();
        }
    }
}
