package io.qsctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.qsctl.cli.context.CliContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class CliTest {

    static final String QUICKSTART = QsctlRun.REPOSITORY.resolve("examples/quickstart.yaml").toString();

    @Test
    void versionNamesQsctlAndTheJavaItRunsOn() {
        QsctlRun run = QsctlRun.inProcess("--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).startsWith("qsctl ").contains("Java 17");
    }

    @Test
    void helpListsTheCommandsAndTheExitCodes() {
        QsctlRun run = QsctlRun.inProcess("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).contains("validate", "completion", "schema", "Exit codes:",
                "64   usage error", "4    state lock held", "5    status: needs attention",
                "6    status: critical", "NO_COLOR");
    }

    @Test
    void noCommandIsAUsageErrorThatShowsTheHelp() {
        QsctlRun run = QsctlRun.inProcess();
        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.stderr()).contains("Usage: qsctl").contains("a command is required");
        assertThat(run.stdout()).isEmpty();
    }

    @Test
    void anUnknownOptionIsUsageError64NotPicocliTwo() {
        QsctlRun run = QsctlRun.inProcess("validate", "-f", "x.yaml", "--fiel");
        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.stderr()).contains("Unknown option: '--fiel'");
    }

    @Test
    void aMisspeltCommandGetsASuggestion() {
        QsctlRun run = QsctlRun.inProcess("valdate", "-f", "x");
        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.stderr()).containsPattern("Did you mean: qsctl validate[ ?]");
    }

    @Test
    void aValidSpecExitsZeroWithASummary() {
        QsctlRun run = QsctlRun.inProcess("validate", "-f", QUICKSTART);
        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).contains("valid: StorageCluster quickstart on network local, 10GiB usable, "
                + "6 data backends (4+2 shards), 4 metadata backends");
    }

    @Test
    void theQuickstartValidatesWithoutWarnings() {
        QsctlRun run = QsctlRun.inProcess("validate", "-f", QUICKSTART);
        assertThat(run.exitCode()).isZero();
        assertThat(run.stderr()).isEmpty();
    }

    private static final String ASKS_FOR_WHAT_IS_NOT_BUILT = """
            apiVersion: qsctl.io/v1
            kind: StorageCluster
            metadata: {name: ahead}
            spec:
              capacity: 1GiB
              signing: connect
              mount: {cache: 1GiB}
              funding: {minRunwayDays: 30}
              notify: [{webhook: "https://example.org/hook"}]
            """;

    @Test
    void aSpecAskingForWhatThisVersionCannotDoIsValidWithAWarningAtEachField() {
        QsctlRun run = QsctlRun.inProcess(Map.of(), ASKS_FOR_WHAT_IS_NOT_BUILT, "validate", "-f", "-");
        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).contains("<stdin>: valid: StorageCluster ahead on network local");
        assertThat(run.stderr().lines()).containsExactly(
                "<stdin>:6:3: warning: spec.signing: cannot be applied yet: signing on your phone with ThreeFold Connect "
                        + "is not built yet (going on would sign with this machine's identity, not your phone); use "
                        + "signing: local, or leave signing out, until it is",
                "<stdin>:7:3: warning: spec.mount: not acted on yet: there is no filesystem to mount yet (`qsctl object` "
                        + "stores files in the cluster)",
                "<stdin>:8:3: warning: spec.funding: not acted on yet: nothing tops up the wallet or watches its runway "
                        + "yet (that is the daemon's job; `qsctl status` shows the runway)",
                "<stdin>:9:3: warning: spec.notify: not acted on yet: no alert is sent yet (that is the daemon's job; "
                        + "`qsctl status` reports what needs attention)");
    }

    @Test
    void machineOutputListsTheWarningsApartFromTheProblems() {
        QsctlRun run = QsctlRun.inProcess(Map.of(), ASKS_FOR_WHAT_IS_NOT_BUILT, "-o", "json", "validate", "-f", "-");
        assertThat(run.exitCode()).isZero();
        JsonNode file = JsonMapper.shared().readTree(run.stdout()).path("files").path(0);
        assertThat(file.path("valid").asBoolean()).isTrue();
        assertThat(file.path("problems")).isEmpty();
        assertThat(file.path("warnings").valueStream().map(w -> w.path("path").asString() + "@" + w.path("line").asInt()))
                .containsExactly("spec.signing@6", "spec.mount@7", "spec.funding@8", "spec.notify@9");
        assertThat(file.path("warnings").path(0).path("message").asString()).startsWith("cannot be applied yet: ");
    }

    @Test
    void anInvalidSpecExitsOneWithPositionedProblemsOnStderr() {
        QsctlRun run = QsctlRun.inProcess(Map.of(), "apiVersion: qsctl.io/v1\nkind: StorageCluster\nmetadata: {name: x}\n"
                + "spec: {capacity: 1GiB, netwrok: local}\n", "validate", "-f", "-");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("<stdin>:4:24: spec.netwrok: unknown key 'netwrok'; did you mean 'network'?")
                .contains("<stdin>: 1 problem");
        assertThat(run.stdout()).isEmpty();
    }

    @Test
    void aMissingFileIsAnErrorNotACrash() {
        QsctlRun run = QsctlRun.inProcess("validate", "-f", "does-not-exist.yaml");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).isEqualTo("error: does-not-exist.yaml: no such file\n");
    }

    @Test
    void aSpecGivenWhereAPlanFileGoesIsAUsageErrorThatSaysToUseDashF(@TempDir Path dir) throws IOException {
        Path yaml = Files.copy(Path.of(QUICKSTART), dir.resolve("storage.yaml"));
        QsctlRun forgotten = QsctlRun.inProcess("apply", yaml.toString());
        assertThat(forgotten.exitCode()).isEqualTo(64);
        assertThat(forgotten.stderr()).isEqualTo("error: " + yaml + " is a spec, not a saved plan: run qsctl apply -f "
                + yaml + "\n");

        // Named otherwise, it still says what it is.
        Path named = Files.copy(Path.of(QUICKSTART), dir.resolve("cluster.txt"));
        assertThat(QsctlRun.inProcess("apply", named.toString()).stderr()).contains(named + " is a spec, not a saved plan");

        Path other = Files.writeString(dir.resolve("notes.txt"), "hello\n");
        assertThat(QsctlRun.inProcess("apply", other.toString()).stderr())
                .isEqualTo("error: " + other + ": not a qsctl plan file (not JSON)\n");
    }

    @Test
    void jsonOutputCarriesProblemsAndTheEffectiveSpec() {
        QsctlRun run = QsctlRun.inProcess("validate", "-o", "json", "-f", QUICKSTART, "-f", "missing.yaml");
        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode report = JsonMapper.shared().readTree(run.stdout());
        assertThat(report.get("valid").asBoolean()).isFalse();
        JsonNode quickstart = report.get("files").get(0);
        assertThat(quickstart.get("valid").asBoolean()).isTrue();
        assertThat(quickstart.at("/spec/spec/nodes/count").asInt()).isEqualTo(6);
        assertThat(quickstart.at("/spec/spec/mount/segmentSize").asString()).isEqualTo("64MiB");
        JsonNode missing = report.get("files").get(1);
        assertThat(missing.get("valid").asBoolean()).isFalse();
        assertThat(missing.has("error")).as("no second shape for an unreadable file").isFalse();
        assertThat(missing.get("problems")).hasSize(1);
        JsonNode problem = missing.get("problems").get(0);
        assertThat(problem.get("file").asString()).isEqualTo("missing.yaml");
        assertThat(problem.get("line").isNull()).as("no position").isTrue();
        assertThat(problem.get("column").isNull()).isTrue();
        assertThat(problem.get("path").isNull()).isTrue();
        assertThat(problem.get("message").asString()).isEqualTo("missing.yaml: no such file");
    }

    @Test
    void theSchemaInYamlIsYamlWithTheSameContentAsTheJson() {
        QsctlRun json = QsctlRun.inProcess("schema", "-o", "json");
        QsctlRun yaml = QsctlRun.inProcess("schema", "-o", "yaml");
        assertThat(yaml.exitCode()).isZero();
        assertThat(yaml.stdout()).as("block YAML, not JSON").startsWith("$schema: https://json-schema.org/draft/2020-12/schema\n")
                .doesNotContain("{\n");
        Object loaded = new org.yaml.snakeyaml.Yaml().load(yaml.stdout());
        JsonNode fromYaml = JsonMapper.shared().valueToTree(loaded);
        assertThat(fromYaml).isEqualTo(JsonMapper.shared().readTree(json.stdout()));
    }

    @Test
    void theOutputFormatCanComeFromTheEnvironment() {
        QsctlRun run = QsctlRun.inProcess(Map.of("QSCTL_OUTPUT", "yaml"), "", "validate", "-f", QUICKSTART);
        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).startsWith("files:\n").contains("  valid: true");
    }

    @Test
    void theCommandLineWinsOverTheEnvironment() {
        QsctlRun run = QsctlRun.inProcess(Map.of("QSCTL_OUTPUT", "yaml"), "", "validate", "-o", "json", "-f", QUICKSTART);
        assertThat(run.stdout()).startsWith("{");
    }

    @Test
    void everyLongOptionOfEveryCommandTakesItsDefaultFromTheEnvironment() throws Exception {
        assertThat(EnvDefaults.variableFor("--state-dir")).isEqualTo("QSCTL_STATE_DIR");
        assertThat(EnvDefaults.variableFor("--lock-timeout")).isEqualTo("QSCTL_LOCK_TIMEOUT");
        java.util.List<picocli.CommandLine> commands = new java.util.ArrayList<>();
        everyCommand(Cli.commandLine(new CliContext(Map.of(), java.io.InputStream.nullInputStream(), false)), commands);
        Map<String, String> env = new java.util.HashMap<>();
        for (picocli.CommandLine command : commands) {
            for (picocli.CommandLine.Model.OptionSpec option : fromEnvironment(command)) {
                env.put(EnvDefaults.variableFor(option.longestName()), "from-env " + option.longestName());
            }
        }
        assertThat(env).containsKeys("QSCTL_STATE_DIR", "QSCTL_OUTPUT", "QSCTL_FILE", "QSCTL_LOCK_TIMEOUT");

        commands.clear();
        everyCommand(Cli.commandLine(new CliContext(env, java.io.InputStream.nullInputStream(), false)), commands);
        int checked = 0;
        for (picocli.CommandLine command : commands) {
            for (picocli.CommandLine.Model.OptionSpec option : fromEnvironment(command)) {
                assertThat(command.getDefaultValueProvider()).as(command.getCommandName()).isNotNull();
                assertThat(command.getDefaultValueProvider().defaultValue(option))
                        .as("%s %s", command.getCommandSpec().qualifiedName(), option.longestName())
                        .isEqualTo("from-env " + option.longestName());
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(100);
        // Flags that are about this one invocation never come from the environment.
        picocli.CommandLine root = Cli.commandLine(new CliContext(Map.of("QSCTL_VERBOSE", "true", "QSCTL_HELP", "true"),
                java.io.InputStream.nullInputStream(), false));
        assertThat(root.getDefaultValueProvider().defaultValue(root.getCommandSpec().findOption("--verbose"))).isNull();
        assertThat(root.getDefaultValueProvider().defaultValue(root.getCommandSpec().findOption("--help"))).isNull();
    }

    private static java.util.List<picocli.CommandLine.Model.OptionSpec> fromEnvironment(picocli.CommandLine command) {
        return command.getCommandSpec().options().stream()
                .filter(o -> o.longestName().startsWith("--") && !o.hidden())
                .filter(o -> !java.util.Set.of("--help", "--version", "--verbose", "--quiet", "--no-color", "--stacktrace")
                        .contains(o.longestName()))
                .toList();
    }

    /** Every command of the tree, each once (aliases skipped). */
    static void everyCommand(picocli.CommandLine command, java.util.List<picocli.CommandLine> into) {
        into.add(command);
        command.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommandSpec().name().equals(name)) {
                everyCommand(sub, into);
            }
        });
    }

    @Test
    void globalOptionsWorkBeforeAndAfterTheCommand() {
        assertThat(QsctlRun.inProcess("-o", "json", "validate", "-f", QUICKSTART).stdout()).startsWith("{");
        assertThat(QsctlRun.inProcess("validate", "-f", QUICKSTART, "-o", "json").stdout()).startsWith("{");
    }

    @Test
    void colourIsOffWithoutATerminalAndOnWhenForced() {
        String bad = "kind: x\n";
        assertThat(QsctlRun.inProcess(Map.of(), bad, "validate", "-f", "-").stderr()).doesNotContain("\u001b[");
        assertThat(QsctlRun.inProcess(Map.of(), bad, "validate", "--color=always", "-f", "-").stderr()).contains("\u001b[");
        assertThat(QsctlRun.inProcess(Map.of(), bad, "validate", "--color=always", "--no-color", "-f", "-").stderr())
                .doesNotContain("\u001b[");
    }

    @Test
    void theSchemaCommandPrintsTheShippedSchema() {
        QsctlRun run = QsctlRun.inProcess("schema");
        assertThat(run.exitCode()).isZero();
        JsonNode schema = JsonMapper.shared().readTree(run.stdout());
        assertThat(schema.get("$schema").asString()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema).isEqualTo(JsonMapper.shared().readTree(
                QsctlRun.REPOSITORY.resolve("schema/storage-cluster.schema.json").toFile()));
    }

    @Test
    void completionPrintsABashScriptThatKnowsTheCommands() {
        QsctlRun run = QsctlRun.inProcess("completion", "bash");
        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).contains("complete -F").contains("validate");
    }

    @Test
    void everyCommandAndSubcommandAnswersHelpWithItsUsage() {
        java.util.List<String> paths = new java.util.ArrayList<>();
        collect(Cli.commandLine(new CliContext(java.util.Map.of(), java.io.InputStream.nullInputStream(), false)), paths);
        assertThat(paths).contains("object put", "object get", "get", "plan", "apply", "bench codec", "validate");
        for (String path : paths) {
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(path.split(" ")));
            args.add("--help");
            QsctlRun run = QsctlRun.inProcess(args.toArray(String[]::new));
            assertThat(run.exitCode()).as("qsctl %s --help: %s", path, run.stderr()).isZero();
            assertThat(run.stdout()).as("qsctl %s --help", path).contains("Usage: qsctl " + path);
        }
    }

    private static void collect(picocli.CommandLine command, java.util.List<String> paths) {
        command.getSubcommands().forEach((name, sub) -> {
            if (!sub.getCommandSpec().name().equals(name)) {
                return; // an alias
            }
            String path = sub.getCommandSpec().qualifiedName(" ").replaceFirst("^qsctl ", "");
            paths.add(path);
            collect(sub, paths);
        });
    }
}
