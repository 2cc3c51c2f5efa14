package io.qsctl.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qsctl.testing.SmallDisk;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The state directory on a disk that fills up (a real tmpfs of a few hundred KiB, see
 * {@link SmallDisk}): every write that does not fit fails with the kernel's ENOSPC, and what was
 * there before stays readable; once space is back, work goes on where it stopped.
 */
class FullDiskIT {

    private static final UUID LINEAGE = UUID.fromString("6f2b3c1e-1111-4222-8333-944455556666");

    @TempDir
    Path dir;

    @BeforeEach
    void needsSmallDisks() {
        SmallDisk.assumeAvailable();
    }

    @Test
    void aStateWriteThatDoesNotFitFailsAndLeavesTheLastVersionAndNoTemporaryFile() throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try (SmallDisk disk = SmallDisk.mount(dir.resolve("disk"), 512 * 1024)) {
            Path stateDir = disk.path().resolve("cluster");
            StateStore store = new StateStore(stateDir, key, "0.1.0-test");
            StateSnapshot v1 = store.create(body("small", 10));
            StateSnapshot v2 = store.write(v1, body("small", 20));
            disk.fillLeaving(0);

            for (int size : new int[] {10, 5_000, 50_000}) {
                assertThatThrownBy(() -> store.write(v2, body("grown", size)))
                        .isInstanceOf(UncheckedIOException.class)
                        .hasMessageContaining("cannot write the state in " + stateDir)
                        .hasRootCauseMessage("No space left on device");
                assertThat(store.read()).contains(v2);
                assertThat(store.readBackup()).contains(v1);
                try (var files = Files.list(stateDir)) {
                    assertThat(files.map(f -> f.getFileName().toString()))
                            .containsExactlyInAnyOrder(StateStore.FILE, StateStore.BACKUP);
                }
            }

            disk.release();
            StateSnapshot v3 = store.write(v2, body("grown", 50_000));
            assertThat(new StateStore(stateDir, key, "0.1.0-test").read()).contains(v3);
        }
    }

    @Test
    void aJournalAppendThatDoesNotFitLeavesNoPartialLineAndTheJournalGoesOnOnceThereIsSpace() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(dir.resolve("disk"), 512 * 1024)) {
            Path stateDir = disk.path().resolve("cluster");
            List<JournalEntry> written = new ArrayList<>();
            try (Journal journal = Journal.open(stateDir)) {
                journal.append(entry(0, 100));
                written.add(entry(0, 100));
                disk.fillLeaving(6 * 1024);
                // Entries of 1 KiB until the disk is full: the one that fails is written in part
                // (the page it starts in has room), and must be cut off again.
                int action = 1;
                UncheckedIOException full = null;
                while (full == null) {
                    JournalEntry next = entry(action, 1024);
                    try {
                        journal.append(next);
                        written.add(next);
                        action++;
                    } catch (UncheckedIOException e) {
                        full = e;
                    }
                }
                assertThat(full).hasMessageContaining("cannot append to the journal")
                        .hasMessageContaining("No space left on device");
                assertThat(written).hasSizeGreaterThan(2);
                assertThat(Journal.read(stateDir).torn()).isEmpty();
                assertThat(journal.entries()).containsExactlyElementsOf(written);

                disk.release();
                JournalEntry afterwards = entry(action, 1024);
                journal.append(afterwards);
                written.add(afterwards);
                assertThat(journal.entries()).containsExactlyElementsOf(written);
            }
            try (Journal reopened = Journal.open(stateDir)) {
                assertThat(reopened.recovered().torn()).isEmpty();
                assertThat(reopened.entries()).containsExactlyElementsOf(written);
            }
        }
    }

    private static JournalEntry entry(int action, int padding) {
        ObjectNode details = JsonMapper.shared().createObjectNode();
        details.put("padding", "x".repeat(padding));
        return JournalEntry.pending(Instant.parse("2026-11-24T02:00:00Z"), LINEAGE, "plan-1", action, details);
    }

    private static ObjectNode body(String name, int padding) {
        ObjectNode body = JsonMapper.shared().createObjectNode();
        body.put("name", name);
        body.put("padding", "y".repeat(padding));
        return body;
    }
}
