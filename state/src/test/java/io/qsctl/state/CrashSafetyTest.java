package io.qsctl.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL in the middle of writing, over and over: a child JVM writes as fast as it can and is
 * killed after a random number of acknowledged writes; every time, what is on disk must be a
 * version that was being written, never a mix, and nothing acknowledged may be lost. The next
 * child starts while the current one writes (it waits for "go"), to keep the rounds short.
 */
class CrashSafetyTest {

    private static final Duration START = Duration.ofSeconds(60);
    private static final int ROUNDS = 24;

    @TempDir
    Path dir;

    private final Random random = new Random();

    @Test
    void aKilledStateWriterLeavesThePreviousOrTheNewVersion() throws Exception {
        StateStore store = new StateStore(dir, StateStoreTest.KEY, "test");
        int[] unacknowledged = {0};
        int[] midWrite = {0};
        killRepeatedly(12, (round, lastAck) -> {
            StateSnapshot found = store.read().orElseThrow();
            assertThat(found.serial()).as("round %d, last acknowledged %d", round, lastAck).isBetween(lastAck, lastAck + 1);
            assertThat(found.body().get("n").longValue()).isEqualTo(found.serial());
            if (found.serial() > 1) {
                // Killed between making the backup and renaming the new version: both are the current one.
                assertThat(store.readBackup()).hasValueSatisfying(b -> assertThat(b.serial())
                        .isBetween(found.serial() - 1, found.serial()));
            }
            if (found.serial() == lastAck + 1) {
                unacknowledged[0]++;
            }
            try (var leftovers = java.nio.file.Files.newDirectoryStream(dir, ".state.qss*.tmp-*")) {
                if (leftovers.iterator().hasNext()) {
                    midWrite[0]++;
                }
            }
        }, "state-writer", dir.toString(), HexFormat.of().formatHex(StateStoreTest.KEY));
        System.out.println("state: " + ROUNDS + " kills, " + midWrite[0] + " inside a write (temporary file left), "
                + unacknowledged[0] + " after a write reached disk unacknowledged");
    }

    /** The same guarantee at each step of a write, deterministically: the process dies exactly there. */
    @Test
    void aWriteStoppedAtAnyStepLeavesTheOldVersionUntilTheRenameAndTheNewOneAfter() throws Exception {
        StateStore store = new StateStore(dir, StateStoreTest.KEY, "test");
        store.write(store.create(StateStoreTest.body("n", 1)), StateStoreTest.body("n", 2));
        for (StateStore.WritePoint point : StateStore.WritePoint.values()) {
            long before = store.read().orElseThrow().serial();
            ChildProcess.Handle child = ChildProcess.Handle.start("state-halt", dir.toString(),
                    HexFormat.of().formatHex(StateStoreTest.KEY), point.name());
            assertThat(child.process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(child.process.exitValue()).as("halted at %s: %s", point, child.lines).isEqualTo(77);
            long expected = point.compareTo(StateStore.WritePoint.RENAMED) < 0 ? before : before + 1;
            StateSnapshot found = store.read().orElseThrow();
            assertThat(found.serial()).as(point.name()).isEqualTo(expected);
            long backup = store.readBackup().orElseThrow().serial();
            assertThat(backup).as(point.name()).isBetween(found.serial() - 1, found.serial());
        }
        StateSnapshot last = store.read().orElseThrow();
        store.write(last, StateStoreTest.body("n", "after the crashes"));
        try (var files = java.nio.file.Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("state.qss", "state.qss.backup");
        }
    }

    @Test
    void aKilledJournalWriterLosesNoAcknowledgedEntry() throws Exception {
        int[] torn = {0};
        killRepeatedly(30, (round, lastAck) -> {
            JournalContents contents = Journal.read(dir);
            List<JournalEntry> entries = contents.entries();
            for (int i = 0; i < entries.size(); i++) {
                assertThat(entries.get(i).action()).as("round %d: entry %d", round, i).isEqualTo(i);
            }
            assertThat((long) entries.size() - 1).as("round %d, last acknowledged %d", round, lastAck)
                    .isBetween(lastAck, lastAck + 1);
            if (contents.torn().isPresent()) {
                torn[0]++;
            }
        }, "journal-writer", dir.toString());
        System.out.println("journal: " + ROUNDS + " kills, " + torn[0] + " torn last lines ignored");
    }

    /** What must hold after a round, given the last write the child acknowledged. */
    private interface RoundCheck {
        void check(int round, long lastAck) throws Exception;
    }

    private void killRepeatedly(int maxAcks, RoundCheck check, String... writer) throws Exception {
        ChildProcess.Handle next = ChildProcess.Handle.start(writer);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                List<String> lines;
                try (ChildProcess.Handle child = next) {
                    child.send("go");
                    next = round + 1 < ROUNDS ? ChildProcess.Handle.start(writer) : null;
                    int target = 1 + random.nextInt(maxAcks);
                    await().atMost(START).pollInterval(Duration.ofMillis(5)).until(() -> acks(child.lines) >= target);
                    lines = child.kill();
                }
                check.check(round, lastAck(lines));
            }
        } finally {
            if (next != null) {
                next.close();
            }
        }
    }

    private static int acks(List<String> lines) {
        return (int) lines.stream().filter(l -> l.startsWith("ack ")).count();
    }

    private static long lastAck(List<String> lines) {
        return lines.stream().filter(l -> l.startsWith("ack ")).mapToLong(l -> Long.parseLong(l.substring(4))).max()
                .orElseThrow(() -> new AssertionError("the child acknowledged nothing: " + lines));
    }
}
