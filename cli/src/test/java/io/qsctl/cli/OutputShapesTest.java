package io.qsctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.qsctl.cli.OutputSchemas.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The documented shapes of {@code -o json|yaml} against the command tree and docs/cli.md: every
 * command has one, they follow the same rules, and the documentation lists what they hold.
 * {@code MachineOutputIT} checks the real outputs against the same schemas.
 */
class OutputShapesTest {

    private static final OutputSchemas SCHEMAS = OutputSchemas.load();

    @Test
    void everyCommandThatTakesTheOutputOptionHasADocumentedShape() {
        Map<String, CommandTree.Leaf> leaves = CommandTree.leaves();
        assertThat(leaves.keySet()).as("the walk sees the commands").contains("validate", "get-backends", "get-nodes",
                "describe-backend", "replace-backend", "grid-clock-advance", "object-put", "bench-codec");
        assertThat(leaves.values()).as("-o is a global option").allMatch(CommandTree.Leaf::acceptsOutputOption);
        Set<String> expected = new TreeSet<>(leaves.keySet());
        assertThat(SCHEMAS.commands()).as("docs/output/commands/*.json, one per command")
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void everyShapeIsAValidJsonSchemaThatSaysWhatKindOfOutputItIs() {
        for (String command : SCHEMAS.commands()) {
            assertThat(SCHEMAS.metaProblems(command)).as("%s.json against JSON Schema 2020-12", command).isEmpty();
            assertThat(SCHEMAS.schema(command).path("x-qsctl-output").asString())
                    .as("%s.json: x-qsctl-output", command).isIn("document", "stream", "none");
            assertThat(SCHEMAS.schema(command).path("description").asString()).as("%s.json: description", command)
                    .isNotBlank();
        }
    }

    /** The shapes qsctl printed before issue 9 are refused: the schemas are not a formality. */
    @Test
    void theSchemasRefuseTheShapesIssue9Found() {
        JsonMapper json = JsonMapper.shared();
        assertThat(SCHEMAS.problems("validate", json.readTree("""
                {"files": [{"file": "missing.yaml", "valid": false, "error": "missing.yaml: no such file"}], "valid": false}
                """))).as("an unreadable file without problems").isNotEmpty();
        assertThat(SCHEMAS.problems("apply", json.readTree("""
                {"format": "qsctl-plan", "formatVersion": 1, "cluster": "photos"}
                """))).as("the plan as a bare document in the apply stream").isNotEmpty();
        assertThat(SCHEMAS.problems("get-nodes", json.readTree("[]"))).as("a bare array").isNotEmpty();
        assertThat(SCHEMAS.problems("object-check", json.readTree("""
                {"objects": []}
                """))).as("no cluster").isNotEmpty();
        assertThat(SCHEMAS.problems("zdb", json.readTree("""
                {"type": "serving", "time": "yesterday", "pid": 1, "listen": null, "port": null, "socket": "/s",
                 "instanceId": "unix:///s", "data": "d", "index": "i"}
                """))).as("a time that is not ISO-8601").isNotEmpty();
        assertThat(SCHEMAS.problems("zdb", json.readTree("""
                {"type": "serving", "time": "2026-05-01T12:00:00Z", "pid": 1, "listen": null, "port": null, "socket": "/s",
                 "instanceId": "unix:///s", "data": "d", "index": "i"}
                """))).as("a serving event").isEmpty();
    }

    @Test
    void everyKeyQsctlNamesIsCamelCase() {
        for (String command : SCHEMAS.commands()) {
            assertThat(SCHEMAS.declaredKeys(command)).as("keys of %s", command)
                    .allMatch(key -> key.matches("[a-z][a-zA-Z0-9]*"), "camelCase");
        }
    }

    /** {@code backends} a count in one output and a list in another was issue 9's finding 8. */
    @Test
    void aTopLevelKeyHasTheSameTypeInEveryOutput() {
        Map<String, Map<Set<String>, List<String>>> byKey = new TreeMap<>();
        for (String command : SCHEMAS.commands()) {
            if (SCHEMAS.kind(command) == Kind.NONE || command.equals("schema")) {
                continue; // schema prints the JSON Schema of storage.yaml: its keys are JSON Schema's
            }
            SCHEMAS.topLevelTypes(command).forEach((key, types) -> byKey.computeIfAbsent(key, k -> new java.util.HashMap<>())
                    .computeIfAbsent(types, t -> new ArrayList<>()).add(command));
        }
        byKey.forEach((key, variants) -> assertThat(variants).as("types of top-level key %s, by command", key)
                .hasSize(1));
    }

    @Test
    void everyOutputAboutOneClusterNamesIt() {
        for (CommandTree.Leaf leaf : CommandTree.leaves().values()) {
            if (leaf.takesACluster() && SCHEMAS.commands().contains(leaf.name())
                    && SCHEMAS.kind(leaf.name()) != Kind.NONE) {
                assertThat(SCHEMAS.requiredAtTop(leaf.name(), "cluster")).as("%s requires `cluster`", leaf.name()).isTrue();
            }
        }
    }

    @Test
    void theCliDocumentationListsEveryShapeWithItsKeys() throws IOException {
        String section = machineReadableSection();
        Map<String, CommandTree.Leaf> leaves = CommandTree.leaves();
        for (String command : SCHEMAS.commands()) {
            String row = row(section, leaves.get(command).words());
            switch (SCHEMAS.kind(command)) {
                case NONE -> assertThat(row).as("row of %s", command).contains("none");
                case DOCUMENT -> {
                    assertThat(row).as("row of %s", command).contains("document");
                    if (!command.equals("schema")) {
                        SCHEMAS.topLevelKeys(command).keySet().forEach(key ->
                                assertThat(row).as("row of %s names its key", command).contains("`" + key + "`"));
                    }
                }
                case STREAM -> {
                    assertThat(row).as("row of %s", command).contains("stream");
                    SCHEMAS.eventTypes(command).forEach(type ->
                            assertThat(section).as("the events of %s", command).contains("`" + type + "`"));
                    SCHEMAS.topLevelKeys(command).keySet().forEach(key ->
                            assertThat(section).as("the event keys of %s", command).contains("`" + key + "`"));
                }
            }
        }
    }

    /** The section "Machine-readable output" of docs/cli.md, up to the next section. */
    static String machineReadableSection() throws IOException {
        String doc = Files.readString(QsctlRun.REPOSITORY.resolve("docs/cli.md"));
        int start = doc.indexOf("\n## Machine-readable output\n");
        assertThat(start).as("docs/cli.md has a section \"Machine-readable output\"").isPositive();
        int end = doc.indexOf("\n## ", start + 1);
        return doc.substring(start, end < 0 ? doc.length() : end);
    }

    /** The table row of a command: the line starting {@code | `qsctl WORDS`}. */
    private static String row(String section, String words) {
        String start = "| `qsctl " + words + "`";
        return section.lines().filter(l -> l.startsWith(start + " ") || l.startsWith(start + "|")).findFirst()
                .orElseThrow(() -> new AssertionError("docs/cli.md, Machine-readable output: no row " + start));
    }
}
