package io.qsctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.qsctl.cli.OutputSchemas.Kind;
import io.qsctl.provider.NodeQuery;
import io.qsctl.provider.local.LocalGrid;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every command's {@code -o json} and {@code -o yaml}, from the packaged jar, on one cluster of
 * the embedded grid shared by the whole class: stdout is parsed strictly (one JSON document, or
 * one complete JSON object per line for a stream; YAML that is not JSON in disguise), checked
 * against the command's schema in docs/output (the shapes docs/cli.md documents), and JSON and
 * YAML must carry the same data. The last test checks that every documented shape was run.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MachineOutputIT {


    private static final OutputSchemas SCHEMAS = OutputSchemas.load();
    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final Set<String> EXERCISED = new ConcurrentSkipListSet<>();

    @TempDir
    static Path dir;

    private static ClusterWorkspace workspace;
    private static String spec;

    @BeforeAll
    static void cluster() {
        workspace = new ClusterWorkspace(dir);
        spec = workspace.write("storage.yaml", QuickstartSpec.yaml(7, "10GiB", null)).toString();
    }

    @AfterAll
    static void stopTheGrid() {
        if (workspace != null) {
            workspace.close();
        }
    }

    @Test
    @Order(1)
    void applyPrintsThePlanAsOneCompactEventThenOneEventPerLine() {
        JsonNode up = documents("grid-up", "json", 0, "grid", "up");
        assertThat(up.path("running").asBoolean()).isTrue();
        sameData("grid-up", up, documents("grid-up", "yaml", 0, "grid", "up"), Set.of("gridTime"));

        List<JsonNode> applied = stream("apply", "json", 0, "apply", "-f", spec, "--auto-approve");
        assertThat(applied.get(0).path("type").asString()).as("the first event").isEqualTo("plan");
        assertThat(applied.get(0).path("plan").path("actions")).as("the plan's actions").hasSize(11);
        assertThat(applied).extracting(e -> e.path("type").asString())
                .contains("signing_batch", "action_started", "action_done");
        assertThat(last(applied).path("type").asString()).isEqualTo("apply_complete");
        assertThat(last(applied).path("actionCount").asInt()).isEqualTo(11);
        assertThat(applied).allSatisfy(e -> assertThat(e.path("cluster").asString()).isEqualTo(QuickstartSpec.CLUSTER));

        List<JsonNode> again = stream("apply", "yaml", 0, "apply", "-f", spec, "--auto-approve");
        assertThat(again).as("nothing to do: the plan alone").hasSize(1);
        assertThat(again.get(0).path("plan").path("actions")).isEmpty();
    }

    @Test
    @Order(2)
    void readCommandsPrintOneDocumentWithTheSameDataInJsonAndYaml() {
        inParallel(() -> {
            JsonNode validated = same("validate", 1, Set.of(), "validate", "-f", spec, "-f",
                    dir.resolve("missing.yaml").toString());
            JsonNode missing = validated.path("files").get(1);
            assertThat(missing.path("valid").asBoolean()).isFalse();
            assertThat(missing.path("problems")).as("an unreadable file's problems").hasSize(1);
            assertThat(missing.path("problems").get(0).path("message").asString()).contains("no such file");
        }, () -> {
            JsonNode schema = same("schema", 0, Set.of(), "schema");
            assertThat(schema.path("$id").asString()).endsWith("storage-cluster.schema.json");
        }, () -> {
            // plan takes the state lock: the second run waits for the first
            same("plan", 0, Set.of("created", "expires"), "plan", "-f", spec, "--lock-timeout", "60s");
        }, () -> {
            assertThat(same("get-backends", 0, Set.of(), "get", "backends", "-f", spec).path("backends")).hasSize(11);
            assertThat(workspace.expect(0, "get", "backends", "-f", spec, "-o", "wide").stdout()).as("-o wide is text")
                    .startsWith("NAME ").contains("CONTRACT");
            assertThat(same("get-nodes", 0, Set.of("uptime", "updatedAt", "created"), "get", "nodes", "-f", spec)
                    .path("nodes")).hasSize(11);
        }, () -> {
            assertThat(same("get-contracts", 0, Set.of(), "get", "contracts", "-f", spec).path("contracts")).hasSize(11);
            JsonNode status = same("status", 0, Set.of("since", "balance", "runwayDays"), "status", "-f", spec);
            assertThat(status.path("conditions").get(0).path("type").asString()).isEqualTo("Ready");
            assertThat(status.path("backends")).as("the backends of get backends, judged").hasSize(11)
                    .allSatisfy(b -> assertThat(b.path("health").asString()).isEqualTo("healthy"));
            JsonNode described = same("describe-backend", 0, Set.of(), "describe", "backend", "data-00", "-f", spec);
            assertThat(described.path("cluster").asString()).isEqualTo(QuickstartSpec.CLUSTER);
        }, () -> {
            same("grid-status", 0, Set.of("gridTime"), "grid", "status");
            JsonNode listed = same("nodes-list", 0, Set.of("uptime", "updatedAt", "created"), "nodes", "list", "--size", "5");
            assertThat(listed.path("nodes")).hasSize(5);
            assertThat(listed.path("total").asInt()).isGreaterThan(5);
        }, () -> {
            String identity = dir.resolve("identity.age").toString();
            Map<String, String> withPassphrase = new HashMap<>(workspace.env());
            withPassphrase.put("QSCTL_PASSPHRASE", "correct horse battery staple");
            QsctlRun created = QsctlRun.process(withPassphrase, "", dir, "identity", "create", "--print-mnemonic",
                    "--identity-file", identity, "-o", "json");
            assertThat(created.exitCode()).as(created.stderr()).isZero();
            assertThat(created.stdout().strip().split(" ")).as("identity create prints only the words").hasSize(24);
            JsonNode shown = same("identity-show", 0, Set.of(), "identity", "show", "--identity-file", identity);
            assertThat(shown.path("publicKey").asString()).matches("[0-9a-f]{64}");
            QsctlRun completion = workspace.expect(0, "completion", "bash", "-o", "json");
            assertThat(completion.stdout()).as("a script, whatever -o says").contains("complete -F");
        }, () -> {
            shape("bench-codec", 0, "bench", "codec", "--data", "2", "--parity", "1", "--shard-size", "4KiB",
                    "--seconds", "0.1");
        }, () -> {
            for (String format : List.of("json", "yaml")) {
                Path root = dir.resolve("zdb-" + format);
                String[] args = {"zdb", "--background", "--port", "0", "--data", root.resolve("data").toString(),
                    "--index", root.resolve("index").toString()};
                QsctlRun run = run(0, format, args);
                try {
                    List<JsonNode> events = events("zdb", format, run, args);
                    assertThat(events).extracting(e -> e.path("type").asString()).containsExactly("serving");
                } finally {
                    // the server outlives a failed assertion: stop it by the pid it printed, whatever the shape
                    Matcher pid = Pattern.compile("\"?pid\"?: ?([0-9]+)").matcher(run.stdout());
                    assertThat(pid.find()).as("zdb --background names its pid:%n%s", run.stdout()).isTrue();
                    ProcessHandle.of(Long.parseLong(pid.group(1))).ifPresent(server -> {
                        server.destroy();
                        server.onExit().orTimeout(30, TimeUnit.SECONDS).join();
                    });
                }
            }
        });
    }

    @Test
    @Order(3)
    void objectCommandsAndGridAdministrationPrintOneDocumentEachNamingTheCluster() throws IOException {
        Path file = Files.write(dir.resolve("object.bin"), new byte[300_000]);
        Set<Long> used = new TreeSet<>();
        workspace.backends(Path.of(spec)).values().forEach(b -> used.add(b.path("nodeId").asLong()));
        List<String> spare;
        try (LocalGrid grid = LocalGrid.connect(workspace.gridHome())) {
            spare = grid.nodes(NodeQuery.all().withPage(1, NodeQuery.MAX_PAGE_SIZE)).nodes().stream()
                    .map(n -> n.id().value()).filter(id -> !used.contains(id)).limit(3).map(String::valueOf).toList();
        }
        String twin = Long.toString(workspace.twin(workspace.sandboxIdentity()).value());
        inParallel(() -> {
            JsonNode put = documents("object-put", "json", 0, "object", "put", "-f", spec, file.toString());
            JsonNode putAgain = documents("object-put", "yaml", 0, "object", "put", "-f", spec, file.toString());
            sameShape("object-put", put, putAgain);
            assertThat(put.path("cluster").asString()).isEqualTo(QuickstartSpec.CLUSTER);
            // one object command at a time: each holds the cluster's local metadata index while it runs
            assertThat(same("object-list", 0, Set.of(), "object", "list", "-f", spec, "--shards").path("objects"))
                    .hasSize(2);
            assertThat(same("object-check", 0, Set.of(), "object", "check", "-f", spec).path("objects"))
                    .hasSize(2).allSatisfy(o -> assertThat(o.path("healthy").asBoolean()).isTrue());
            shape("object-repair", 0, "object", "repair", "-f", spec);
            Path restored = dir.resolve("restored.bin");
            QsctlRun get = workspace.expect(0, "object", "get", "-f", spec, put.path("id").asString(), "--to",
                    restored.toString(), "-o", "json");
            assertThat(get.stdout()).as("object get --to FILE prints nothing on stdout").isEmpty();
            assertThat(Files.readAllBytes(restored)).isEqualTo(Files.readAllBytes(file));
            JsonNode deleted = documents("object-delete", "json", 0, "object", "delete", "-f", spec,
                    put.path("id").asString());
            sameShape("object-delete", deleted, documents("object-delete", "yaml", 0, "object", "delete", "-f", spec,
                    putAgain.path("id").asString()));
        }, () -> {
            shape("grid-clock-advance", 0, "grid", "clock", "advance", "1h");
        }, () -> {
            shape("grid-fund", 0, "grid", "fund", twin, "5");
            shape("grid-drain", 0, "grid", "drain", twin, "5");
        }, () -> {
            JsonNode stopped = documents("grid-node-stop", "json", 0, "grid", "node", "stop", spare.get(0));
            assertThat(stopped.path("status").asString()).isEqualTo("down");
            JsonNode started = documents("grid-node-start", "json", 0, "grid", "node", "start", spare.get(0));
            sameShape("grid-node-stop", stopped, documents("grid-node-stop", "yaml", 0, "grid", "node", "stop", spare.get(1)));
            sameShape("grid-node-start", started, documents("grid-node-start", "yaml", 0, "grid", "node", "start",
                    spare.get(1)));
        }, () -> {
            shape("grid-node-wipe", 0, "grid", "node", "wipe", spare.get(2));
        });
    }

    @Test
    @Order(4)
    void replaceAndDestroyStreamTheirEventsInBothFormats() {
        List<JsonNode> replaced = stream("replace-backend", "json", 0, "replace", "backend", "data-00", "-f", spec,
                "--auto-approve");
        assertThat(replaced).extracting(e -> e.path("type").asString())
                .startsWith("plan").contains("replacement_ready").endsWith("apply_complete");
        List<JsonNode> replacedYaml = stream("replace-backend", "yaml", 0, "replace", "backend", "data-01", "-f", spec,
                "--auto-approve");
        assertThat(replacedYaml).extracting(e -> e.path("type").asString())
                .startsWith("plan").contains("replacement_ready").endsWith("apply_complete");

        List<JsonNode> destroyed = stream("destroy", "yaml", 0, "destroy", "-f", spec, "--confirm", QuickstartSpec.CLUSTER);
        assertThat(destroyed).extracting(e -> e.path("type").asString()).startsWith("plan").endsWith("destroy_complete");
        List<JsonNode> again = stream("destroy", "json", 0, "destroy", "-f", spec, "--confirm", QuickstartSpec.CLUSTER);
        assertThat(again).extracting(e -> e.path("type").asString()).containsExactly("plan");
    }

    @Test
    @Order(5)
    void gridDownSaysWhatItStoppedAndEveryDocumentedShapeWasRun() {
        JsonNode down = documents("grid-down", "json", 0, "grid", "down");
        assertThat(down.path("stopped").asBoolean()).isTrue();
        JsonNode downAgain = documents("grid-down", "yaml", 0, "grid", "down");
        assertThat(downAgain.path("stopped").asBoolean()).isFalse();
        sameShape("grid-down", down, downAgain);

        Set<String> documented = new TreeSet<>();
        SCHEMAS.commands().stream().filter(c -> SCHEMAS.kind(c) != Kind.NONE).forEach(documented::add);
        assertThat(EXERCISED).as("commands run in both formats")
                .containsExactlyInAnyOrderElementsOf(documented);
    }

    // --- running and parsing -----------------------------------------------------------------------

    /** Runs tasks at once (qsctl runs take a second or more each) and fails with every task's failure. */
    private static void inParallel(ThrowingRunnable... tasks) {
        // three qsctl at a time: the machines running the suite have two cores, and each run also waits on I/O
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Throwable> failures = new ArrayList<>();
        try {
            List<CompletableFuture<Void>> running = Arrays.stream(tasks).map(task -> CompletableFuture.runAsync(() -> {
                try {
                    task.run();
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            }, pool)).toList();
            for (CompletableFuture<Void> task : running) {
                try {
                    task.join();
                } catch (CompletionException e) {
                    failures.add(e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        if (!failures.isEmpty()) {
            AssertionError all = new AssertionError(failures.size() + " task(s) failed; the first: " + failures.get(0),
                    failures.get(0));
            failures.stream().skip(1).forEach(all::addSuppressed);
            throw all;
        }
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    /**
     * A read command in both formats, one after the other, against the same state: both carry the
     * same data, apart from {@code varying} keys (times that move between the two runs). Returns
     * the JSON document.
     */
    private static JsonNode same(String command, int exit, Set<String> varying, String... args) {
        JsonNode json = documents(command, "json", exit, args);
        sameData(command, json, documents(command, "yaml", exit, args), varying);
        return json;
    }

    /** A command that changes something, in both formats: the two documents have the same shape. */
    private static void shape(String command, int exit, String... args) {
        JsonNode json = documents(command, "json", exit, args);
        sameShape(command, json, documents(command, "yaml", exit, args));
    }

    /** One run in one format: exactly one document on stdout, valid against the command's schema. */
    private static JsonNode documents(String command, String format, int exit, String... args) {
        assertThat(SCHEMAS.kind(command)).as("%s is documented as a document", command).isEqualTo(Kind.DOCUMENT);
        QsctlRun run = run(exit, format, args);
        JsonNode document;
        if (format.equals("json")) {
            document = strictJson(command, run.stdout());
        } else {
            List<JsonNode> documents = yaml(command, run.stdout());
            assertThat(documents).as("qsctl %s -o yaml: one YAML document%n%s", command, run.stdout()).hasSize(1);
            assertThat(run.stdout()).as("qsctl %s -o yaml: a single document has no ---", command).doesNotStartWith("---");
            document = documents.get(0);
        }
        assertThat(SCHEMAS.problems(command, document)).as("qsctl %s -o %s against docs/output/commands/%s.json:%n%s",
                String.join(" ", args), format, command, run.stdout()).isEmpty();
        EXERCISED.add(command);
        return document;
    }

    /**
     * A streaming command in one format: with json, every line is one complete compact JSON
     * object; with yaml, every event is a YAML document that starts with {@code ---}. Each event
     * matches the command's schema.
     */
    private static List<JsonNode> stream(String command, String format, int exit, String... args) {
        return events(command, format, run(exit, format, args), args);
    }

    /** The events of a streaming command's run, each checked as {@link #stream} says. */
    private static List<JsonNode> events(String command, String format, QsctlRun run, String... args) {
        assertThat(SCHEMAS.kind(command)).as("%s is documented as a stream", command).isEqualTo(Kind.STREAM);
        List<JsonNode> events = new ArrayList<>();
        if (format.equals("json")) {
            run.stdout().lines().forEach(line -> {
                assertThat(line).as("qsctl %s -o json: a compact JSON object per line", command).startsWith("{")
                        .endsWith("}");
                events.add(strictJson(command, line));
            });
        } else {
            events.addAll(yaml(command, run.stdout()));
            long separators = run.stdout().lines().filter(l -> l.equals("---")).count();
            assertThat(run.stdout()).as("qsctl %s -o yaml: a stream of documents", command).startsWith("---\n");
            assertThat(separators).as("qsctl %s -o yaml: --- before every event%n%s", command, run.stdout())
                    .isEqualTo(events.size());
        }
        assertThat(events).as("qsctl %s -o %s prints events", command, format).isNotEmpty();
        for (JsonNode event : events) {
            assertThat(SCHEMAS.problems(command, event)).as("an event of qsctl %s -o %s against %s.json:%n%s",
                    String.join(" ", args), format, command, event).isEmpty();
        }
        EXERCISED.add(command);
        return events;
    }

    private static QsctlRun run(int exit, String format, String... args) {
        String[] withFormat = Arrays.copyOf(args, args.length + 2);
        withFormat[args.length] = "-o";
        withFormat[args.length + 1] = format;
        return workspace.expect(exit, withFormat);
    }

    /** One JSON value and nothing after it, no key twice. */
    private static JsonNode strictJson(String command, String text) {
        try {
            return STRICT.readTree(text);
        } catch (JacksonException e) {
            throw new AssertionError("qsctl " + command + " -o json is not one JSON document: " + e.getOriginalMessage()
                    + "\n" + text, e);
        }
    }

    /** Every YAML document of {@code text}, as JSON trees; text that is JSON (YAML's flow style) is refused. */
    private static List<JsonNode> yaml(String command, String text) {
        assertThat(isJson(text)).as("qsctl %s -o yaml printed JSON:%n%s", command, text).isFalse();
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        List<JsonNode> documents = new ArrayList<>();
        for (Object document : new Yaml(new SafeConstructor(options)).loadAll(text)) {
            documents.add(JsonMapper.shared().valueToTree(document));
        }
        return documents;
    }

    private static boolean isJson(String text) {
        try {
            JsonNode tree = STRICT.readTree(text);
            return tree.isContainer();
        } catch (JacksonException e) {
            return false;
        }
    }

    /** The same keys, JSON types, array lengths and values, except under {@code varying} keys. */
    private static void sameData(String command, JsonNode json, JsonNode yaml, Set<String> varying) {
        List<String> differences = new ArrayList<>();
        compare("", canonical(json), canonical(yaml), false, varying, differences);
        assertThat(differences).as("qsctl %s: -o json and -o yaml differ", command).isEmpty();
    }

    /** The same keys and JSON types everywhere, for two runs that did different things. */
    private static void sameShape(String command, JsonNode json, JsonNode yaml) {
        List<String> differences = new ArrayList<>();
        compare("", canonical(json), canonical(yaml), true, Set.of(), differences);
        assertThat(differences).as("qsctl %s: -o json and -o yaml have different shapes", command).isEmpty();
    }

    /** Numbers as the JSON parser reads them (YAML gives Long where JSON gives int, and so on). */
    private static JsonNode canonical(JsonNode tree) {
        return STRICT.readTree(STRICT.writeValueAsString(tree));
    }

    private static void compare(String path, JsonNode a, JsonNode b, boolean shapeOnly, Set<String> varying,
                                List<String> differences) {
        if (a.getNodeType() != b.getNodeType()) {
            differences.add(path + ": " + a.getNodeType() + " in json, " + b.getNodeType() + " in yaml");
            return;
        }
        if (a.isObject()) {
            Set<String> keysA = new TreeSet<>(a.propertyNames());
            Set<String> keysB = new TreeSet<>(b.propertyNames());
            if (!keysA.equals(keysB)) {
                differences.add(path + ": keys " + keysA + " in json, " + keysB + " in yaml");
                return;
            }
            for (String key : keysA) {
                boolean varies = shapeOnly || varying.contains(key);
                compare(path + "." + key, a.get(key), b.get(key), varies, varies ? Set.of() : varying, differences);
            }
        } else if (a.isArray()) {
            if (shapeOnly) {
                // two runs that did different things may list different numbers of things
                if (!a.isEmpty() && !b.isEmpty()) {
                    compare(path + "[0]", a.get(0), b.get(0), true, varying, differences);
                }
                return;
            }
            if (a.size() != b.size()) {
                differences.add(path + ": " + a.size() + " items in json, " + b.size() + " in yaml");
                return;
            }
            for (int i = 0; i < a.size(); i++) {
                compare(path + "[" + i + "]", a.get(i), b.get(i), false, varying, differences);
            }
        } else if (!shapeOnly && !a.equals(b)) {
            differences.add(path + ": " + a + " in json, " + b + " in yaml");
        }
    }

    private static JsonNode last(List<JsonNode> events) {
        return events.get(events.size() - 1);
    }
}
