package io.qsctl.cli;

import static io.qsctl.cli.ClusterWorkspace.backendOf;
import static io.qsctl.cli.QuickstartSpec.CLUSTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qsctl.common.FileTrees;
import io.qsctl.provider.Contract;
import io.qsctl.provider.TwinId;
import io.qsctl.provider.identity.Identity;
import io.qsctl.reconciler.api.BackendRecord;
import io.qsctl.reconciler.api.BackendStatus;
import io.qsctl.reconciler.api.ClusterState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of the packaged {@code qsctl apply} at random moments, then {@code apply --resume}:
 * the grid ends with exactly the backends the spec wants, each paid for once (a replacement pays
 * for exactly one successor), the encrypted state says what the grid says, no journal entry is left
 * open, and a new plan has nothing to do.
 *
 * <p>Trials alternate between the quickstart from nothing (no state at all, or a destroyed
 * cluster's) and a change of the quickstart that creates, grows and replaces (create before
 * destroy) at once; the cluster is destroyed after each change, so one grid serves every trial.
 * Some trials also kill the resume, and some the destroy (finished by {@code destroy --resume}).
 *
 * <p>When to kill: a clean apply is measured first, from its start and from the moment it takes
 * the state lock (before that it has only started a JVM and read files). One trial in five draws
 * its moment uniformly over the whole apply; the others over the locked part, counted from the
 * moment that process takes the lock, where every journal entry, state write and grid call happens.
 * The draws come from a seeded {@link Random}: {@code -Dqsctl.crash.seed=N} replays a run (the seed
 * is in every assertion message), {@code -Dqsctl.crash.trials=N} changes how many.
 */
class ApplyCrashIT {

    private static final int TRIALS = Integer.getInteger("qsctl.crash.trials", 20);
    private static final long SEED = Long.getLong("qsctl.crash.seed", System.nanoTime());
    private static final long GIB = 1L << 30;
    private static final Set<String> MOVED_TO = Set.of("BE", "NL", "DE");

    @TempDir
    Path dir;

    /** What a trial applies. */
    private enum Change {
        /** Nothing, or a destroyed cluster, to the quickstart: 6 data and 4 metadata backends of 4 and 1 GiB. */
        CREATE(QuickstartSpec.yaml(6, "10GiB", null), 6, 4 * GIB),
        /** The quickstart to 8 nodes, 20 GiB, only in BE, NL and DE: creates, grows and replaces together. */
        GROW_AND_MOVE(QuickstartSpec.yaml(8, "20GiB", "BE, NL, DE"), 8, 5 * GIB);

        final String yaml;
        final int dataBackends;
        final long dataSize;

        Change(String yaml, int dataBackends, long dataSize) {
            this.yaml = yaml;
            this.dataBackends = dataBackends;
            this.dataSize = dataSize;
        }

        Set<String> names() {
            Set<String> names = new TreeSet<>();
            for (int i = 0; i < dataBackends; i++) {
                names.add("data-%02d".formatted(i));
            }
            for (int i = 0; i < 4; i++) {
                names.add("meta-" + i);
            }
            return names;
        }

        long size(String backend) {
            return backend.startsWith("data-") ? dataSize : GIB;
        }
    }

    @Test
    void anApplyKilledAtAnyMomentThenResumedLeavesExactlyTheDesiredBackendsEachPaidForOnce() {
        try (ClusterWorkspace workspace = new ClusterWorkspace(dir)) {
            workspace.expect(0, "grid", "up");
            Path spec = dir.resolve("quickstart.yaml");
            String file = spec.toString();

            // How long a clean apply takes, and when it takes the state lock (before that it has
            // only started a JVM and read files), so the kills span all of it.
            Map<Change, Timing> timing = new TreeMap<>();
            for (Change change : Change.values()) {
                workspace.write(spec.getFileName().toString(), change.yaml);
                try (QsctlProcess clean = workspace.start("apply", "-f", file, "--auto-approve")) {
                    Duration locked = lockTaken(workspace, clean);
                    QsctlRun run = clean.await(ClusterWorkspace.RUN_LIMIT);
                    timing.put(change, new Timing(locked, clean.age()));
                    assertThat(run.exitCode()).as("clean apply (%s): %s", change, run.stderr()).isZero();
                }
            }
            Timing destroyTiming;
            try (QsctlProcess clean = workspace.start("destroy", "-f", file, "--confirm", CLUSTER)) {
                Duration locked = lockTaken(workspace, clean);
                QsctlRun run = clean.await(ClusterWorkspace.RUN_LIMIT);
                destroyTiming = new Timing(locked, clean.age());
                assertThat(run.exitCode()).as("clean destroy: %s", run.stderr()).isZero();
            }
            forget(workspace);
            Identity identity = workspace.sandboxIdentity();
            TwinId twin = workspace.twin(identity);

            Random random = new Random(SEED);
            List<String> report = new ArrayList<>();
            int withOpenEntries = 0;
            for (int trial = 1; trial <= TRIALS; trial++) {
                Change change = trial % 2 == 1 ? Change.CREATE : Change.GROW_AND_MOVE;
                Timing clean = timing.get(change);
                Before before = Before.look(workspace, identity, twin);
                workspace.write(spec.getFileName().toString(), change.yaml);
                StringBuilder context = new StringBuilder("seed %d (-Dqsctl.crash.seed=%d), trial %d of %d (%s from %s)"
                        .formatted(SEED, SEED, trial, TRIALS, change, before.serial() == 0 ? "no state" : "serial "
                                + before.serial()));

                // One trial in five may die anywhere, start-up included; the others die while they
                // hold the lock, where every write and grid call happens.
                Kill kill = Kill.somewhere(workspace, clean, random, trial % 5 == 0, context, "apply", "apply", "-f",
                        file, "--auto-approve");
                int open = workspace.pendingJournalEntries(CLUSTER);
                withOpenEntries += open > 0 ? 1 : 0;
                report.add("trial %2d %-13s %-40s state +%d versions, %2d journal entries open".formatted(trial, change,
                        kill, workspace.stateSerial(identity, CLUSTER) - before.serial(), open));
                if (trial % 4 == 3) {
                    // Killed again while resuming: the resume of a resume must hold as well.
                    Kill again = Kill.somewhere(workspace, clean, random, false, context, "resume", "apply", "-f",
                            file, "--auto-approve", "--resume");
                    report.add("         and its resume %-40s %2d journal entries open".formatted(again,
                            workspace.pendingJournalEntries(CLUSTER)));
                }

                int inFlight = workspace.pendingJournalEntries(CLUSTER);
                QsctlRun resumed = expect(workspace, context, 0, "apply", "-f", file, "--auto-approve", "--resume");
                assertThat(resumed.stderr()).as("%s: what the resume says", context).contains(inFlight > 0
                        ? "Settled the interrupted apply: " + inFlight + " pending operation(s) resolved by looking at the grid"
                        : "Nothing to resume");
                converged(workspace, identity, twin, change, before, context.toString());
                expect(workspace, context, 0, "plan", "-f", file, "--detailed-exitcode");
                if (change == Change.GROW_AND_MOVE) {
                    Set<Long> beforeDestroy = Before.look(workspace, identity, twin).contracts();
                    if (trial % 4 == 2) {
                        // A destroy killed part-way is finished by destroy's own resume.
                        Kill killed = Kill.somewhere(workspace, destroyTiming, random, false, context, "destroy",
                                "destroy", "-f", file, "--confirm", CLUSTER);
                        int left = workspace.pendingJournalEntries(CLUSTER);
                        report.add("         then destroy   %-40s %2d journal entries open".formatted(killed, left));
                        if (left > 0) {
                            assertThat(expect(workspace, context, 3, "destroy", "-f", file, "--confirm", CLUSTER).stderr())
                                    .contains("an earlier destroy of quickstart was interrupted")
                                    .contains("qsctl destroy -f " + file + " --resume");
                            assertThat(expect(workspace, context, 3, "plan", "-f", file).stderr())
                                    .contains("finish it with `qsctl destroy -f " + file + " --resume`");
                        }
                        expect(workspace, context, 0, "destroy", "-f", file, "--confirm", CLUSTER, "--resume");
                    } else {
                        expect(workspace, context, 0, "destroy", "-f", file, "--confirm", CLUSTER);
                    }
                    destroyed(workspace, identity, twin, beforeDestroy, context.toString());
                    if (trial % 4 == 0) {
                        // Half the creations start from a destroyed cluster's state, half from none at all.
                        forget(workspace);
                    }
                }
            }
            String summary = "ApplyCrashIT seed " + SEED + ", clean applies " + timing + "\n" + String.join("\n", report);
            System.out.println(summary);
            // Kills drawn over the locked part land mid-apply; were none of them to leave anything
            // open, the trials would only have tested applies that never started or had finished.
            assertThat(withOpenEntries).as("trials killed with journal entries open%n%s", summary).isPositive();
        }
    }

    /** One SIGKILL of qsctl, where it was aimed and whether the process was still there to die. */
    private record Kill(String where, boolean killed) {

        /**
         * Runs qsctl and kills it at a moment drawn uniformly over a clean apply: from its start
         * ({@code anywhere}), or from the moment it takes the lock, over the locked part of a clean
         * apply and a little past it (to die after its last write too). Appends the moment to
         * {@code context}. A process that ends before its moment must have succeeded.
         */
        static Kill somewhere(ClusterWorkspace workspace, Timing clean, Random random, boolean anywhere,
                              StringBuilder context, String label, String... args) {
            long offset = random.nextLong((anywhere ? clean.total() : clean.working()).toMillis() + 1);
            String where = anywhere ? offset + " ms after start" : offset + " ms after taking the lock";
            context.append(", ").append(label).append(" SIGKILLed ").append(where);
            try (QsctlProcess process = workspace.start(args)) {
                Duration start = anywhere ? Duration.ZERO : lockTaken(workspace, process);
                if (process.killAt(start.plusMillis(offset))) {
                    return new Kill(where, true);
                }
                QsctlRun run = process.await(ClusterWorkspace.RUN_LIMIT);
                assertThat(run.exitCode()).as("%s (clean apply %s): it ended before the kill: %s", context, clean,
                        run.stderr()).isZero();
                return new Kill(where, false);
            }
        }

        @Override
        public String toString() {
            return (killed ? "killed " : "finished before ") + where;
        }
    }

    /** Removes a destroyed cluster's state directory, as a user starting over would. */
    private static void forget(ClusterWorkspace workspace) {
        try {
            FileTrees.delete(workspace.stateDir(CLUSTER));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** When a clean apply took the lock, and when it ended, from its start. */
    private record Timing(Duration locked, Duration total) {

        Duration working() {
            return total.minus(locked).plusMillis(50);
        }

        @Override
        public String toString() {
            return "locked at " + locked.toMillis() + " ms, ended at " + total.toMillis() + " ms";
        }
    }

    /**
     * Waits until {@code apply} holds the state lock (its record names its pid) and returns its age
     * then; if it ends first, its age at the end.
     */
    private static Duration lockTaken(ClusterWorkspace workspace, QsctlProcess apply) {
        await().atMost(ClusterWorkspace.RUN_LIMIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2))
                .until(() -> !apply.isAlive() || workspace.lockRecord(CLUSTER)
                        .filter(r -> r.path("pid").asLong() == apply.pid()).isPresent());
        return apply.age();
    }

    /** What the grid and the state held before a trial. */
    private record Before(long serial, Set<Long> contracts, Map<String, Contract> live,
                          Map<String, BackendRecord> backends) {

        static Before look(ClusterWorkspace workspace, Identity identity, TwinId twin) {
            Set<Long> ids = workspace.everyContract(twin, CLUSTER).stream().map(c -> c.id().value())
                    .collect(Collectors.toSet());
            Map<String, Contract> live = new TreeMap<>();
            workspace.aliveContracts(twin, CLUSTER).forEach(c -> live.put(backendOf(c), c));
            Map<String, BackendRecord> backends = new TreeMap<>();
            workspace.state(identity, CLUSTER).ifPresent(s -> s.backends().forEach(b -> backends.put(b.name(), b)));
            return new Before(workspace.stateSerial(identity, CLUSTER), ids, live, backends);
        }

        /** The backends this change must replace: those outside the countries it moves to. */
        Set<String> mustMove(Change change) {
            if (change != Change.GROW_AND_MOVE) {
                return Set.of();
            }
            return backends.values().stream().filter(b -> !MOVED_TO.contains(b.country())).map(BackendRecord::name)
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static void converged(ClusterWorkspace workspace, Identity identity, TwinId twin, Change change,
                                  Before before, String context) {
        Set<String> desired = change.names();

        // Exactly the desired backends are live on the grid, one contract each, of the desired size.
        Map<String, List<Contract>> live = workspace.aliveContracts(twin, CLUSTER).stream()
                .collect(Collectors.groupingBy(ClusterWorkspace::backendOf, TreeMap::new, Collectors.toList()));
        assertThat(live.keySet()).as("%s: backends with live contracts", context).isEqualTo(desired);
        live.forEach((name, contracts) -> {
            assertThat(contracts).as("%s: live contracts of %s", context, name).hasSize(1);
            assertThat(contracts.get(0).size()).as("%s: size of %s", context, name).isEqualTo(change.size(name));
        });

        // Every contract made during the trial, live or not, by backend: one per new backend and per
        // replacement, none for a backend kept (grown in place or untouched).
        Set<String> mustMove = before.mustMove(change);
        Map<String, List<Long>> made = new TreeMap<>();
        for (Contract c : workspace.everyContract(twin, CLUSTER)) {
            if (!before.contracts().contains(c.id().value())) {
                made.computeIfAbsent(backendOf(c), k -> new ArrayList<>()).add(c.id().value());
            }
        }
        for (String name : desired) {
            boolean fresh = !before.live().containsKey(name) || mustMove.contains(name);
            assertThat(made.getOrDefault(name, List.of())).as("%s: contracts made for %s (%s)", context, name,
                    fresh ? "new or replaced: exactly one" : "kept: none").hasSize(fresh ? 1 : 0);
        }
        assertThat(made.keySet()).as("%s: contracts made only for desired backends", context).isSubsetOf(desired);
        before.live().forEach((name, old) -> {
            Contract now = live.get(name).get(0);
            if (mustMove.contains(name)) {
                assertThat(workspace.contract(old.id().value())).as("%s: %s's replaced contract %s", context, name, old.id())
                        .hasValueSatisfying(c -> assertThat(ClusterWorkspace.alive(c)).isFalse());
            } else {
                assertThat(now.id()).as("%s: %s keeps its contract", context, name).isEqualTo(old.id());
            }
        });

        // The state decrypts with the identity's key and says exactly what the grid says.
        ClusterState state = workspace.state(identity, CLUSTER).orElseThrow(
                () -> new AssertionError(context + ": no state"));
        assertThat(state.destroyed()).as("%s: state destroyed", context).isFalse();
        assertThat(state.backends()).as("%s: state backends", context).hasSize(desired.size());
        for (BackendRecord b : state.backends()) {
            assertThat(live).as("%s: state backend %s", context, b.name()).containsKey(b.name());
            Contract c = live.get(b.name()).get(0);
            assertThat(b.status()).as("%s: status of %s", context, b.name()).isEqualTo(BackendStatus.ACTIVE);
            assertThat(b.contract()).as("%s: contract of %s", context, b.name()).isEqualTo(c.id());
            assertThat(b.node()).as("%s: node of %s", context, b.name()).isEqualTo(c.node());
            assertThat(b.size()).as("%s: size of %s", context, b.name()).isEqualTo(c.size());
            assertThat(b.deploymentHash()).as("%s: deployment hash of %s", context, b.name())
                    .isEqualTo(c.deploymentHash());
            assertThat(b.namespace()).as("%s: namespace of %s", context, b.name())
                    .contains(twin.value() + "-" + c.id().value() + "-" + b.name());
            if (change == Change.GROW_AND_MOVE) {
                assertThat(b.country()).as("%s: country of %s", context, b.name()).isIn(MOVED_TO);
            }
        }
        assertThat(state.twin()).as("%s: twin in the state", context).contains(twin);
        assertThat(workspace.pendingJournalEntries(CLUSTER)).as("%s: unresolved journal entries", context).isZero();
    }

    /** Nothing of the cluster is live, no contract was made while destroying, the state is empty and settled. */
    private static void destroyed(ClusterWorkspace workspace, Identity identity, TwinId twin, Set<Long> before,
                                  String context) {
        assertThat(workspace.aliveContracts(twin, CLUSTER)).as("%s: live contracts after destroy", context).isEmpty();
        assertThat(workspace.everyContract(twin, CLUSTER)).as("%s: contracts made while destroying", context)
                .allMatch(c -> before.contains(c.id().value()));
        assertThat(workspace.state(identity, CLUSTER)).as("%s: state after destroy", context)
                .hasValueSatisfying(s -> assertThat(s.backends()).isEmpty());
        assertThat(workspace.pendingJournalEntries(CLUSTER)).as("%s: unresolved journal entries", context).isZero();
    }

    private static QsctlRun expect(ClusterWorkspace workspace, CharSequence context, int code, String... args) {
        QsctlRun run = workspace.qsctl(args);
        assertThat(run.exitCode()).as("%s: exit code of qsctl %s%nstdout:%n%s%nstderr:%n%s", context,
                String.join(" ", args), run.stdout(), run.stderr()).isEqualTo(code);
        return run;
    }
}
