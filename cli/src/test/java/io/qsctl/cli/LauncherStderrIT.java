package io.qsctl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the launcher's data-path commands print on stderr: not the JVM's "Using incubator modules"
 * warning, but everything else the JVM says, qsctl's own errors, and on a terminal qsctl's
 * progress line as it goes (a line without a newline, which a line filter would hold back). The
 * launcher runs from a checkout that holds only it and the packaged jar, so it never builds.
 */
class LauncherStderrIT {

    private static final String WARNING = "WARNING: Using incubator modules";

    @TempDir
    static Path dir;

    private static Path launcher;

    @BeforeAll
    static void aCheckoutWithTheBuiltJar() throws IOException {
        Path checkout = dir.resolve("checkout");
        Files.createDirectories(checkout.resolve("cli/target"));
        launcher = Files.copy(QsctlRun.REPOSITORY.resolve("qsctl"), checkout.resolve("qsctl"),
                StandardCopyOption.COPY_ATTRIBUTES);
        Files.createSymbolicLink(checkout.resolve("cli/target/qsctl.jar"), QsctlRun.JAR);
    }

    private static QsctlRun launch(Map<String, String> env, String... args) {
        Map<String, String> environment = new HashMap<>(env);
        environment.put("QSCTL_CDS", "0");
        List<String> command = new java.util.ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        return QsctlRun.exec(command, environment, "", dir, Duration.ofSeconds(60));
    }

    @Test
    void theHelpOfEveryDataPathCommandHasNothingOnStderr() {
        for (List<String> args : List.of(List.of("object", "--help"), List.of("bench", "--help"),
                List.of("object", "put", "--help"), List.of("bench", "codec", "--help"), List.of("--help"))) {
            QsctlRun run = launch(Map.of(), args.toArray(String[]::new));
            assertThat(run.exitCode()).as("%s: %s", args, run.stderr()).isZero();
            assertThat(run.stdout()).as("%s", args).contains("Usage: qsctl");
            assertThat(run.stderr()).as("stderr of ./qsctl %s", String.join(" ", args)).isEmpty();
        }
    }

    @Test
    void whatTheJvmItselfSaysAndQsctlsOwnErrorsStillReachStderr() {
        QsctlRun vmWarning = launch(Map.of("QSCTL_JAVA_OPTS", "-XX:+UseBiasedLocking"), "bench", "--help");
        assertThat(vmWarning.stderr()).contains("Option UseBiasedLocking was deprecated").doesNotContain(WARNING);

        QsctlRun usage = launch(Map.of(), "object", "get");
        assertThat(usage.exitCode()).isEqualTo(64);
        assertThat(usage.stderr()).isEqualTo("qsctl: Missing required parameter: 'ID'\n"
                + "Run 'qsctl object get --help' for usage.\n");

        QsctlRun measured = launch(Map.of(), "bench", "codec", "--data", "4", "--parity", "2", "--seconds", "1",
                "--rs-kernel", "vector");
        assertThat(measured.exitCode()).as("the vector kernel runs: the module is there. %s", measured.stderr()).isZero();
        assertThat(measured.stderr()).isEmpty();
    }

    @Test
    void withoutC2TheCodecBenchMeasuresTheScalarKernelAndAskingForTheVectorOneSaysWhy() {
        String[] bench = {"bench", "codec", "--data", "4", "--parity", "2", "--shard-size", "64KiB", "--seconds", "0.2"};
        String noC2 = "the vector Reed-Solomon kernel needs the C2 compiler, and this JVM runs only the client compiler "
                + "(-XX:TieredStopAtLevel=1); without C2 it is many times slower than the scalar kernel";
        Map<String, String> clientOnly = Map.of("QSCTL_JAVA_OPTS", "-XX:TieredStopAtLevel=1");

        QsctlRun auto = launch(clientOnly, bench);
        assertThat(auto.exitCode()).as(auto.stderr()).isZero();
        assertThat(auto.stdout()).contains("kernel scalar");
        assertThat(auto.stderr()).isEqualTo("note: measuring the scalar kernel; " + noC2 + "\n");

        String[] vector = java.util.stream.Stream.concat(List.of(bench).stream(), List.of("--rs-kernel", "vector").stream())
                .toArray(String[]::new);
        QsctlRun refused = launch(clientOnly, vector);
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.stderr()).isEqualTo("error: " + noC2 + "\n");

        QsctlRun narrow = launch(Map.of("QSCTL_JAVA_OPTS", "-XX:MaxVectorSize=8"), vector);
        assertThat(narrow.exitCode()).isEqualTo(1);
        assertThat(narrow.stderr()).isEqualTo("error: the vector Reed-Solomon kernel cannot run here: it needs SIMD "
                + "vectors of at least 128 bits, and this JVM's preferred vectors have 64 (is -XX:MaxVectorSize set "
                + "low?)\n");
    }

    @Test
    void onATerminalTheProgressOfAPutShowsWhileItRuns() throws Exception {
        Path script = Path.of("/usr/bin/script");
        assumeTrue(Files.isExecutable(script), "util-linux script is not installed");
        try (ClusterWorkspace workspace = new ClusterWorkspace(Files.createDirectories(dir.resolve("cluster")))) {
            Path spec = workspace.write("quickstart.yaml", QuickstartSpec.yaml(6, "10GiB", null));
            workspace.expect(0, "apply", "-f", spec.toString(), "--auto-approve");

            // `object put -` reads what is typed at the terminal, so the put runs as long as the test types.
            Path terminal = Files.createTempFile(dir, "terminal", ".txt");
            String command = "exec '" + launcher + "' object put -f '" + spec + "' -";
            ProcessBuilder builder = new ProcessBuilder(script.toString(), "--quiet", "--flush", "--return",
                    "--command", command, "/dev/null").directory(dir.toFile()).redirectOutput(terminal.toFile())
                    .redirectErrorStream(true);
            builder.environment().keySet().removeIf(name -> name.startsWith("QSCTL_") || name.equals("NO_COLOR"));
            builder.environment().putAll(workspace.env());
            builder.environment().put("QSCTL_CDS", "0");
            builder.environment().put("TERM", "xterm-256color");
            Process put = builder.start();
            try (OutputStream keyboard = put.getOutputStream()) {
                byte[] line = ("x".repeat(1000) + "\n").getBytes(StandardCharsets.US_ASCII);
                // A line at a time until the progress line is on the terminal: the put is still reading.
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> {
                    keyboard.write(line);
                    keyboard.flush();
                    return Files.readString(terminal).contains("\rstored ");
                });
                keyboard.write(4); // Ctrl-D: the end of what is stored
                keyboard.flush();
                assertThat(put.waitFor(60, TimeUnit.SECONDS)).isTrue();
            } finally {
                put.destroyForcibly();
            }
            String shown = Files.readString(terminal);
            assertThat(put.exitValue()).as(shown).isZero();
            assertThat(shown).contains("Stored ").doesNotContain(WARNING);
        }
    }
}
