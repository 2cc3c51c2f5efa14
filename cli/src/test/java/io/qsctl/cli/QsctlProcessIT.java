package io.qsctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The packaged qsctl, run as a process: real exit codes, real streams, real environment. */
class QsctlProcessIT {

    @Test
    void theProcessExitCodesFollowTheDocumentedContract() {
        assertThat(QsctlRun.process("validate", "-f", "examples/quickstart.yaml").exitCode()).isZero();
        assertThat(QsctlRun.process("validate", "-f", "nope.yaml").exitCode()).isEqualTo(1);
        assertThat(QsctlRun.process("validate").exitCode()).isEqualTo(64);
        assertThat(QsctlRun.process("--no-such-option").exitCode()).isEqualTo(64);
    }

    @Test
    void everyExampleValidatesThroughTheRealCli() throws Exception {
        try (var files = Files.list(QsctlRun.REPOSITORY.resolve("examples"))) {
            String[] args = files.filter(f -> f.toString().endsWith(".yaml")).sorted()
                    .flatMap(f -> java.util.stream.Stream.of("-f", f.toString())).toArray(String[]::new);
            String[] all = new String[args.length + 1];
            all[0] = "validate";
            System.arraycopy(args, 0, all, 1, args.length);
            QsctlRun run = QsctlRun.process(all);
            assertThat(run.exitCode()).as(run.stderr()).isZero();
            assertThat(run.stdout().lines().filter(l -> l.contains(": valid: "))).hasSize(args.length / 2);
        }
    }

    @Test
    void aBadSpecIsRefusedWithoutAStackTrace(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("storage.yaml");
        Files.writeString(spec, "apiVersion: qsctl.io/v1\nkind: StorageCluster\nmetadata:\n\tname: x\n");
        QsctlRun run = QsctlRun.process("validate", "-f", spec.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains(spec + ":4:1: syntax: tab character in indentation")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void jsonLogLinesGoToStderrAndNeverToStdout() {
        QsctlRun run = QsctlRun.process(Map.of("QSCTL_LOG_FORMAT", "json"), "", QsctlRun.REPOSITORY,
                "-vv", "-o", "json", "validate", "-f", "examples/quickstart.yaml");
        assertThat(run.exitCode()).isZero();
        JsonNode report = JsonMapper.shared().readTree(run.stdout());
        assertThat(report.get("valid").asBoolean()).isTrue();
        assertThat(run.stderr().lines()).isNotEmpty().allSatisfy(line -> {
            JsonNode entry = JsonMapper.shared().readTree(line);
            assertThat(entry.has("time")).isTrue();
            assertThat(entry.get("level").asString()).isIn("DEBUG", "INFO", "WARN", "ERROR", "TRACE");
            assertThat(entry.has("message")).isTrue();
        });
        assertThat(run.stderr()).contains("checked examples/quickstart.yaml");
    }

    @Test
    void humanLogLinesAppearOnlyWhenAskedFor() {
        QsctlRun quiet = QsctlRun.process("validate", "-f", "examples/quickstart.yaml");
        assertThat(quiet.stderr()).isEmpty();
        QsctlRun verbose = QsctlRun.process("-vv", "validate", "-f", "examples/quickstart.yaml");
        assertThat(verbose.stderr()).contains("DEBUG ValidateCommand: checked examples/quickstart.yaml");
    }

    @Test
    void theBuildGeneratesACompletionScript() throws Exception {
        Path script = Path.of("target", "qsctl_completion");
        assertThat(script).exists();
        assertThat(Files.readString(script)).contains("complete -F").contains("validate");
    }
}
