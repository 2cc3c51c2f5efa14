package io.qsctl.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class JournalTest {

    private static final UUID LINEAGE = UUID.fromString("6f2b3c1e-1111-4222-8333-944455556666");
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    @TempDir
    Path dir;

    private static ObjectNode details(String node) {
        ObjectNode details = JsonMapper.shared().createObjectNode();
        details.put("node", node);
        return details;
    }

    private Journal open() {
        return Journal.open(dir, Clock.fixed(Instant.parse("2026-11-23T11:22:33.456Z"), ZoneOffset.UTC));
    }

    @Test
    void entriesComeBackInOrderWithTheirFields() {
        JournalEntry pending = JournalEntry.pending(T0, LINEAGE, "plan-1", 0, details("n12"));
        try (Journal journal = open()) {
            journal.append(pending);
            journal.append(pending.with(T0.plusSeconds(1), JournalStatus.DONE, null));
            assertThat(journal.entries()).containsExactly(pending, pending.with(T0.plusSeconds(1), JournalStatus.DONE, null));
        }
        assertThat(pending.key()).isEqualTo(LINEAGE + "/plan-1/0");
    }

    @Test
    void eachLineIsOneJsonObjectWithTheDocumentedFields() throws Exception {
        try (Journal journal = open()) {
            journal.append(JournalEntry.pending(T0, LINEAGE, "plan-1", 3, details("n12")));
        }
        List<String> lines = Files.readAllLines(dir.resolve("journal.ndjson"));
        assertThat(lines).hasSize(1);
        JsonNode json = JsonMapper.shared().readTree(lines.get(0));
        assertThat(json.propertyNames()).containsExactly("at", "lineage", "planId", "action", "key", "status", "details");
        assertThat(json.get("status").stringValue()).isEqualTo("pending");
        assertThat(json.get("action").intValue()).isEqualTo(3);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("journal.ndjson"))))
                .isEqualTo("rw-------");
    }

    @Test
    void unresolvedAreTheKeysWhoseLastStatusIsPending() {
        try (Journal journal = open()) {
            JournalEntry a = JournalEntry.pending(T0, LINEAGE, "p", 0, details("a"));
            JournalEntry b = JournalEntry.pending(T0, LINEAGE, "p", 1, details("b"));
            JournalEntry c = JournalEntry.pending(T0, LINEAGE, "p", 2, details("c"));
            journal.append(a);
            journal.append(b);
            journal.append(a.with(T0, JournalStatus.DONE, null));
            journal.append(c);
            journal.append(c.with(T0, JournalStatus.FAILED, details("refused")));
            journal.append(c.with(T0, JournalStatus.PENDING, null));
            assertThat(journal.unresolved()).extracting(JournalEntry::key)
                    .containsExactly(b.key(), c.key());
        }
    }

    @Test
    void aTornLastLineIsIgnoredReportedAndCutOffBeforeTheNextAppend() throws Exception {
        JournalEntry first = JournalEntry.pending(T0, LINEAGE, "p", 0, details("a"));
        try (Journal journal = open()) {
            journal.append(first);
        }
        Path file = dir.resolve("journal.ndjson");
        long goodLength = Files.size(file);
        byte[] half = JournalEntry.pending(T0, LINEAGE, "p", 1, details("b")).toLine();
        Files.write(file, java.util.Arrays.copyOf(half, half.length / 2), StandardOpenOption.APPEND);

        JournalContents read = Journal.read(dir);
        assertThat(read.entries()).containsExactly(first);
        assertThat(read.torn()).hasValueSatisfying(t -> {
            assertThat(t.offset()).isEqualTo(goodLength);
            assertThat(t.describe()).contains("cut off by a crash and is ignored");
        });
        assertThat(Files.size(file)).as("reading changes nothing").isGreaterThan(goodLength);

        try (Journal journal = open()) {
            assertThat(journal.recovered().torn()).isPresent();
            assertThat(Files.size(file)).isEqualTo(goodLength);
            JournalEntry second = JournalEntry.pending(T0, LINEAGE, "p", 1, details("b"));
            journal.append(second);
            assertThat(journal.entries()).containsExactly(first, second);
        }
        assertThat(Journal.read(dir).torn()).isEmpty();
    }

    @Test
    void zerosAfterTheLastLineAreATornLineToo() throws Exception {
        try (Journal journal = open()) {
            journal.append(JournalEntry.pending(T0, LINEAGE, "p", 0, details("a")));
        }
        Files.write(dir.resolve("journal.ndjson"), new byte[] {0, 0, 0, 0, '\n'}, StandardOpenOption.APPEND);
        assertThat(Journal.read(dir).entries()).hasSize(1);
        assertThat(Journal.read(dir).torn()).isPresent();
    }

    @Test
    void aDamagedLineBeforeTheEndIsAnError() throws Exception {
        try (Journal journal = open()) {
            journal.append(JournalEntry.pending(T0, LINEAGE, "p", 0, details("a")));
        }
        Path file = dir.resolve("journal.ndjson");
        String good = Files.readString(file);
        Files.writeString(file, "{\"not\":\"an entry\"}\n" + good);
        assertThatThrownBy(() -> Journal.read(dir)).hasMessageContaining("is damaged: line 1 is not a journal entry");
    }

    @Test
    void archiveMovesTheJournalAsideAndTheNextAppendStartsAFreshOne() throws Exception {
        try (Journal journal = open()) {
            journal.append(JournalEntry.pending(T0, LINEAGE, "p", 0, details("a")));
            Path archived = journal.archive().orElseThrow();
            assertThat(archived.getFileName().toString()).isEqualTo("journal-20261123T112233.456Z.ndjson");
            assertThat(Files.readString(archived, StandardCharsets.UTF_8)).contains("\"planId\":\"p\"");
            assertThat(journal.entries()).isEmpty();
            assertThat(journal.archive()).isEmpty();
            journal.append(JournalEntry.pending(T0, LINEAGE, "q", 0, details("a")));
            assertThat(journal.entries()).extracting(JournalEntry::planId).containsExactly("q");
            assertThat(journal.archive().orElseThrow().getFileName().toString())
                    .isEqualTo("journal-20261123T112233.456Z-2.ndjson");
        }
    }

    @Test
    void discardAllRemovesTheJournalAndTheArchivedOnesButNothingElse() throws Exception {
        Files.writeString(dir.resolve("state.qss"), "kept");
        try (Journal journal = open()) {
            JournalEntry first = JournalEntry.pending(T0, LINEAGE, "p", 0, details("a"));
            journal.append(first);
            journal.append(first.with(T0.plusSeconds(1), JournalStatus.DONE, null));
            journal.archive();
            JournalEntry second = JournalEntry.pending(T0, LINEAGE, "q", 0, details("a"));
            journal.append(second);
            journal.append(second.with(T0.plusSeconds(1), JournalStatus.DONE, null));
            journal.archive();
            JournalEntry third = JournalEntry.pending(T0, LINEAGE, "r", 0, details("a"));
            journal.append(third);
            journal.append(third.with(T0.plusSeconds(1), JournalStatus.FAILED, null));

            assertThat(journal.discardAll()).isEqualTo(3);
            try (var left = Files.list(dir)) {
                assertThat(left.map(p -> p.getFileName().toString())).containsExactly("state.qss");
            }
            assertThat(journal.entries()).isEmpty();
            assertThat(journal.discardAll()).as("nothing left to remove").isZero();
        }
    }

    @Test
    void discardAllRefusesWhileAnEntryIsUnresolved() {
        try (Journal journal = open()) {
            journal.append(JournalEntry.pending(T0, LINEAGE, "p", 0, details("a")));
            assertThatThrownBy(journal::discardAll).isInstanceOf(IllegalStateException.class).hasMessageContaining("unresolved");
            assertThat(dir.resolve("journal.ndjson")).exists();
        }
    }

    @Test
    void aMissingJournalIsEmpty() {
        assertThat(Journal.read(dir.resolve("nothing")).entries()).isEmpty();
        assertThat(Journal.read(dir.resolve("nothing")).unresolved()).isEmpty();
    }
}
