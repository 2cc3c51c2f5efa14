package io.qsctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code qsctl bench codec} as the packaged jar: with plain {@code java -jar} (no vector module:
 * scalar kernel and a one-line note), with the module (and the JVM's warning about it), and through
 * the ./qsctl launcher, which adds the module for data-path commands only and keeps that warning off stderr.
 */
class BenchCodecIT {

    private static final List<String> ARGS = List.of("bench", "codec", "--data", "16", "--parity", "4",
            "--shard-size", "256KiB", "--seconds", "0.5", "-o", "json");
    private static final String INCUBATOR_WARNING = "WARNING: Using incubator modules: jdk.incubator.vector";

    private static JsonNode measured(QsctlRun run) {
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode doc = JsonMapper.shared().readTree(run.stdout());
        assertThat(doc.get("dataShards").asInt()).isEqualTo(16);
        assertThat(doc.get("parityShards").asInt()).isEqualTo(4);
        assertThat(doc.get("shardSize").asInt()).isEqualTo(256 * 1024);
        assertThat(doc.get("cores").asInt()).isPositive();
        for (String speed : List.of("encodeMBps", "decodeMBps")) {
            assertThat(doc.get(speed).isNumber()).as(speed + " is a number").isTrue();
            assertThat(doc.get(speed).asDouble()).as(speed).isPositive();
        }
        return doc;
    }

    @Test
    void plainJavaDashJarMeasuresTheScalarKernelAndSaysHowToGetTheVectorOne() {
        QsctlRun run = QsctlRun.process(ARGS.toArray(String[]::new));
        JsonNode doc = measured(run);
        assertThat(doc.get("kernel").asString()).isEqualTo("scalar");
        assertThat(run.stderr().lines()).containsExactly("note: measuring the scalar kernel; for the vector kernel "
                + "run Java with --add-modules=jdk.incubator.vector (./qsctl does)");
    }

    @Test
    void withTheVectorModuleTheVectorKernelIsMeasured() {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules=jdk.incubator.vector", "-jar", QsctlRun.JAR.toString()));
        command.addAll(ARGS);
        QsctlRun run = QsctlRun.exec(command, Map.of(), "", QsctlRun.REPOSITORY, Duration.ofSeconds(60));
        assertThat(measured(run).get("kernel").asString()).startsWith("vector-");
        assertThat(run.stderr().lines()).containsExactly(INCUBATOR_WARNING);
    }

    @Test
    void theLauncherAddsTheVectorModuleForBenchButNotForOtherCommands() {
        String launcher = QsctlRun.REPOSITORY.resolve("qsctl").toString();
        List<String> command = new java.util.ArrayList<>(List.of(launcher, "--color", "never"));
        command.addAll(ARGS);
        QsctlRun bench = QsctlRun.exec(command, Map.of(), "", QsctlRun.REPOSITORY, Duration.ofMinutes(5));
        assertThat(measured(bench).get("kernel").asString()).startsWith("vector-");
        // The launcher rebuilds first when sources are newer than the jar, and says so in one line;
        // the JVM's warning about the module it added is kept off stderr.
        assertThat(bench.stderr().lines().filter(line -> !line.startsWith("qsctl: building the CLI"))).isEmpty();

        QsctlRun validate = QsctlRun.exec(List.of(launcher, "-o", "json", "validate", "-f", "examples/quickstart.yaml"),
                Map.of(), "", QsctlRun.REPOSITORY, Duration.ofMinutes(5));
        assertThat(validate.exitCode()).as(validate.stderr()).isZero();
        assertThat(validate.stderr()).isEmpty();
    }
}
