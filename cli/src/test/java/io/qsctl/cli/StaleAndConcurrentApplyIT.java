package io.qsctl.cli;

import static io.qsctl.cli.ClusterWorkspace.byBackend;
import static io.qsctl.cli.QuickstartSpec.CLUSTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qsctl.provider.Contract;
import io.qsctl.provider.TwinId;
import io.qsctl.provider.identity.Identity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Two writers at one cluster, through the packaged CLI: a saved plan that another apply made
 * stale is refused (exit 4) and sends nothing; a second apply fails at once naming the holder of
 * the lock (exit 4), or with {@code --lock-timeout} waits for it and then applies on top of what
 * the first did; {@code force-unlock} needs the lock's own id and never takes a live lock.
 *
 * <p>The first apply is held deterministically, without sleeping: it runs on a terminal and waits
 * at its approval prompt, holding the lock, until the test types "yes" (or kills it).
 */
class StaleAndConcurrentApplyIT {

    private static final Duration PROMPT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private ClusterWorkspace workspace;
    private String quickstart;
    private String eight;
    private String bigger;

    @BeforeEach
    void workspace() {
        workspace = new ClusterWorkspace(dir);
        quickstart = workspace.write("quickstart.yaml", QuickstartSpec.yaml(6, "10GiB", null)).toString();
        eight = workspace.write("eight.yaml", QuickstartSpec.yaml(8, "10GiB", null)).toString();
        bigger = workspace.write("bigger.yaml", QuickstartSpec.yaml(6, "20GiB", null)).toString();
    }

    @AfterEach
    void stopTheGrid() {
        workspace.close();
    }

    @Test
    void aSavedPlanIsRefusedAsStaleOnceAnotherApplyChangedTheStateAndSendsNothing() {
        // Planned against no state; another apply then creates the cluster.
        Path first = dir.resolve("first.qsplan");
        workspace.expect(0, "plan", "-f", quickstart, "--out", first.toString());
        workspace.expect(0, "apply", "-f", quickstart, "--auto-approve");
        Identity identity = workspace.sandboxIdentity();
        TwinId twin = workspace.twin(identity);
        Map<String, Contract> created = byBackend(workspace.aliveContracts(twin, CLUSTER));
        QsctlRun refused = workspace.expect(4, "apply", first.toString());
        assertThat(refused.stderr()).contains("the plan is stale").contains("a state now exists").contains("plan again");
        assertThat(byBackend(workspace.aliveContracts(twin, CLUSTER))).as("nothing sent").isEqualTo(created);

        // Planned against serial N; another apply (capacity up) moves the state on.
        Path more = dir.resolve("more.qsplan");
        QsctlRun planned = workspace.expect(0, "plan", "-f", eight, "--out", more.toString());
        assertThat(planned.stdout()).contains("Plan: 2 to create, 0 to grow");
        workspace.expect(0, "apply", "-f", bigger, "--auto-approve");
        Map<String, Contract> grown = byBackend(workspace.aliveContracts(twin, CLUSTER));
        long serial = workspace.stateSerial(identity, CLUSTER);
        QsctlRun stale = workspace.expect(4, "apply", more.toString());
        assertThat(stale.stderr()).contains("the plan is stale: the state was changed by another operation after the plan"
                + " was made").contains("plan again");
        assertThat(byBackend(workspace.aliveContracts(twin, CLUSTER))).as("nothing sent").isEqualTo(grown);
        assertThat(workspace.stateSerial(identity, CLUSTER)).as("state untouched").isEqualTo(serial);
        assertThat(workspace.pendingJournalEntries(CLUSTER)).isZero();

        // A plan whose price quote has expired (10 minutes of grid time) is stale too.
        Path later = dir.resolve("later.qsplan");
        workspace.expect(0, "plan", "-f", eight, "--out", later.toString());
        workspace.expect(0, "grid", "clock", "advance", "11m");
        QsctlRun expired = workspace.expect(4, "apply", later.toString());
        assertThat(expired.stderr()).contains("the plan's price quote expired").contains("plan again");
        assertThat(byBackend(workspace.aliveContracts(twin, CLUSTER))).as("nothing sent").isEqualTo(grown);

        // Planned again, the same change applies from the file, exactly as planned.
        Path fresh = dir.resolve("fresh.qsplan");
        workspace.expect(0, "plan", "-f", eight, "--out", fresh.toString());
        QsctlRun applied = workspace.expect(0, "apply", fresh.toString());
        assertThat(applied.stdout()).contains("Apply complete! 2 created, 0 grown, 0 replaced, 0 deleted.");
        Map<String, Contract> now = byBackend(workspace.aliveContracts(twin, CLUSTER));
        assertThat(now).hasSize(12).containsAllEntriesOf(grown);
        workspace.expect(0, "plan", "-f", eight, "--detailed-exitcode");

        // A saved plan with nothing to do is bound to the state all the same: once another apply
        // moved it on, applying that plan must not report "No changes" for a cluster that changed.
        Path nothing = dir.resolve("nothing.qsplan");
        assertThat(workspace.expect(0, "plan", "-f", eight, "--out", nothing.toString()).stdout()).contains("No changes.");
        workspace.expect(0, "apply", "-f", workspace.write("eight-bigger.yaml", QuickstartSpec.yaml(8, "20GiB", null))
                .toString(), "--auto-approve");
        QsctlRun noLongerNothing = workspace.expect(4, "apply", nothing.toString());
        assertThat(noLongerNothing.stderr()).contains("the plan is stale: the state was changed by another operation")
                .contains("plan again");
        assertThat(noLongerNothing.stdout()).doesNotContain("No changes");
    }

    @Test
    void aPlanFileStoppedPartWayNamesAResumeCommandThatWorks() {
        workspace.expect(0, "apply", "-f", quickstart, "--auto-approve");
        TwinId twin = workspace.twin(workspace.sandboxIdentity());
        Map<String, Contract> before = byBackend(workspace.aliveContracts(twin, CLUSTER));
        Path plan = dir.resolve("eight.qsplan");
        workspace.expect(0, "plan", "-f", eight, "--out", plan.toString());

        // An empty wallet stops the saved plan at its first reservation, nothing made.
        workspace.expect(0, "grid", "drain", twin.toString());
        QsctlRun stopped = workspace.expect(3, "apply", plan.toString());
        String resume = "qsctl apply " + plan + " --resume";
        assertThat(stopped.stderr()).contains("the wallet cannot pay for it").contains("Resume with: " + resume);
        assertThat(byBackend(workspace.aliveContracts(twin, CLUSTER))).isEqualTo(before);

        // Topped up, the command it printed finishes the plan.
        workspace.expect(0, "grid", "fund", twin.toString(), "1000");
        QsctlRun resumed = workspace.expect(0, resume.substring("qsctl ".length()).split(" "));
        assertThat(resumed.stdout()).contains("Apply complete! 2 created, 0 grown, 0 replaced, 0 deleted.");
        assertThat(byBackend(workspace.aliveContracts(twin, CLUSTER))).hasSize(12).containsAllEntriesOf(before);
        workspace.expect(0, "plan", "-f", eight, "--detailed-exitcode");
    }

    @Test
    void aSecondApplyFailsNamingTheHolderAndWithALockTimeoutWaitsForItThenAppliesOnTopOfIt() {
        workspace.expect(0, "apply", "-f", quickstart, "--auto-approve");
        Identity identity = workspace.sandboxIdentity();
        long serial = workspace.stateSerial(identity, CLUSTER);
        // 8 nodes and 20 GiB: planned against the quickstart (4 GiB backends) that is 2 creates and 6
        // grows; planned after the first apply below (7 GiB backends) only the 2 creates.
        String second = workspace.write("eight-bigger.yaml", QuickstartSpec.yaml(8, "20GiB", null)).toString();

        try (QsctlProcess holder = workspace.startOnTerminal("apply", "-f", bigger)) {
            JsonNode lock = awaitPrompt(holder);
            assertThat(lock.path("operation").asString()).isEqualTo("apply");
            String id = lock.path("id").asString();

            // --lock-timeout 0s (the default): refused at once, naming who holds it.
            QsctlRun refused = workspace.expect(4, "apply", "-f", second, "--auto-approve");
            assertThat(refused.stderr()).contains("state is locked by apply by " + lock.path("who").asString())
                    .contains("id " + id).contains("pid " + holder.pid() + " on " + lock.path("host").asString())
                    .contains("qsctl force-unlock " + id);
            // A short timeout: waits, says for whom, then gives up the same way.
            QsctlRun gaveUp = workspace.expect(4, "apply", "-f", second, "--auto-approve", "--lock-timeout", "1s");
            assertThat(gaveUp.stderr()).contains("Waiting up to 1s for the state lock of quickstart, held by apply by ")
                    .contains("state is locked by apply by " + lock.path("who").asString());
            // Nobody takes a live lock, with its id or another.
            assertThat(workspace.expect(4, "force-unlock", id, "-f", quickstart).stderr())
                    .contains("is still held by a running process");
            assertThat(workspace.expect(4, "force-unlock", "not-" + id, "-f", quickstart).stderr())
                    .contains("does not match the lock");
            assertThat(workspace.lockRecord(CLUSTER)).as("the lock is still the first apply's")
                    .hasValueSatisfying(r -> assertThat(r.path("id").asString()).isEqualTo(id));
            assertThat(workspace.stateSerial(identity, CLUSTER)).as("nothing written meanwhile").isEqualTo(serial);
            // Readers never take the lock: they read the last saved version while another writes.
            assertThat(workspace.backends(Path.of(quickstart)).values()).hasSize(10)
                    .allSatisfy(b -> assertThat(b.path("size").asLong()).isLessThanOrEqualTo(4L << 30));

            // A long timeout: waits while the first apply waits for its approval, then goes on.
            try (QsctlProcess waiting = workspace.start("apply", "-f", second, "--auto-approve", "--lock-timeout", "2m")) {
                await().atMost(PROMPT).until(() -> waiting.stderr().contains("Waiting up to 2m for the state lock of"
                        + " quickstart, held by apply by " + lock.path("who").asString() + " (id " + id));
                assertThat(waiting.isAlive()).isTrue();

                holder.type("yes");
                QsctlRun first = holder.await(ClusterWorkspace.RUN_LIMIT);
                assertThat(first.exitCode()).as(first.stdout()).isZero();
                assertThat(first.stdout()).contains("Apply complete! 0 created, 6 grown, 0 replaced, 0 deleted.");

                QsctlRun then = waiting.await(ClusterWorkspace.RUN_LIMIT);
                assertThat(then.exitCode()).as(then.stderr()).isZero();
                // It planned once it had the lock, so against what the first apply made.
                assertThat(then.stdout()).contains("Plan: 2 to create, 0 to grow, 0 to replace, 0 to delete.")
                        .contains("Apply complete! 2 created, 0 grown, 0 replaced, 0 deleted.");
            }
        }
        Map<String, Contract> live = byBackend(workspace.aliveContracts(workspace.twin(identity), CLUSTER));
        assertThat(live).hasSize(12);
        assertThat(workspace.state(identity, CLUSTER)).hasValueSatisfying(s -> assertThat(s.backends()).hasSize(12));
        assertThat(workspace.lockRecord(CLUSTER)).as("both released the lock").isEmpty();
        workspace.expect(0, "plan", "-f", second, "--detailed-exitcode");
    }

    @Test
    void forceUnlockRefusesAWrongIdAndWithTheRightIdClearsTheLockOfAKilledApply() {
        // An apply killed while it holds the lock leaves its record: the next one says so.
        try (QsctlProcess killed = workspace.startOnTerminal("apply", "-f", quickstart)) {
            awaitPrompt(killed);
            long pid = killed.pid();
            assertThat(killed.killAt(Duration.ZERO)).isTrue();
            QsctlRun next = workspace.expect(0, "apply", "-f", quickstart, "--auto-approve");
            assertThat(next.stderr()).contains("Note: the previous apply (pid " + pid + " on ")
                    .contains("ended without releasing its lock");
        }

        try (QsctlProcess killed = workspace.startOnTerminal("apply", "-f", eight)) {
            String id = awaitPrompt(killed).path("id").asString();
            assertThat(killed.killAt(Duration.ZERO)).isTrue();

            QsctlRun wrong = workspace.expect(4, "force-unlock", UUID.randomUUID().toString(), "-f", eight);
            assertThat(wrong.stderr()).contains("does not match the stale lock").contains("id " + id);
            assertThat(workspace.lockRecord(CLUSTER)).as("still there")
                    .hasValueSatisfying(r -> assertThat(r.path("id").asString()).isEqualTo(id));

            QsctlRun right = workspace.expect(0, "force-unlock", id, "-f", eight);
            assertThat(right.stderr()).contains("Lock " + id + " of cluster quickstart removed.");
            assertThat(workspace.lockRecord(CLUSTER)).isEmpty();
        }
        QsctlRun after = workspace.expect(0, "apply", "-f", eight, "--auto-approve");
        assertThat(after.stderr()).doesNotContain("ended without releasing");
        assertThat(after.stdout()).contains("Apply complete! 2 created, 0 grown, 0 replaced, 0 deleted.");
        // Nothing to unlock is no conflict (4 would send a script waiting for the lock): the state is as asked.
        assertThat(workspace.expect(0, "force-unlock", "anything", "-f", eight).stderr())
                .contains("The state of quickstart is not locked; nothing to do.");
    }

    /**
     * Waits until an apply on a terminal asks for approval, holding the lock, and returns the
     * lock's record (which names it).
     */
    private JsonNode awaitPrompt(QsctlProcess apply) {
        await().atMost(PROMPT).until(() -> !apply.isAlive() || apply.stdout().contains("Enter a value:"));
        assertThat(apply.isAlive()).as("apply on a terminal waits for approval:%n%s", apply.stdout()).isTrue();
        JsonNode lock = workspace.lockRecord(CLUSTER).orElseThrow(() -> new AssertionError("no lock record"));
        assertThat(lock.path("pid").asLong()).as("the lock's holder").isEqualTo(apply.pid());
        return lock;
    }
}
