package io.qsctl.cli;

import static org.awaitility.Awaitility.await;

import io.qsctl.cli.zdb.ServingReport;
import io.qsctl.zdb.client.ReconnectPolicy;
import io.qsctl.zdb.client.ZdbClientConfig;
import io.qsctl.zdb.client.ZdbConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code qsctl -o json zdb ...} run from the packaged jar as a real process, waited for until it
 * serves (its JSON line on stdout). Closing it kills it if it still runs, so a failed assertion
 * never leaves a server behind.
 */
final class ZdbProcess implements AutoCloseable {

    static final Duration START_LIMIT = Duration.ofSeconds(60);

    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private ServingReport report;

    private ZdbProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Starts the server in {@code workDir} and waits until it serves; fails with its stderr if it exits first. */
    static ZdbProcess start(Path workDir, Map<String, String> env, String... zdbArgs) {
        ZdbProcess server = launch(workDir, env, zdbArgs);
        try {
            server.awaitServing();
        } catch (RuntimeException | AssertionError e) {
            server.close();
            throw e;
        }
        return server;
    }

    static ZdbProcess start(Path workDir, String... zdbArgs) {
        return start(workDir, Map.of(), zdbArgs);
    }

    /** Starts the process without waiting for anything. */
    static ZdbProcess launch(Path workDir, Map<String, String> env, String... zdbArgs) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", QsctlRun.JAR.toString(), "-o", "json", "zdb"));
        command.addAll(List.of(zdbArgs));
        try {
            Path out = Files.createTempFile("zdb-out", ".txt");
            Path err = Files.createTempFile("zdb-err", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("QSCTL_"));
            builder.environment().putAll(env);
            return new ZdbProcess(builder.start(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitServing() {
        await("qsctl zdb serving").atMost(START_LIMIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    Optional<String> line = stdout().lines().filter(l -> l.startsWith("{\"type\":\"serving\"")).findFirst();
                    if (line.isPresent()) {
                        report = ServingReport.parse(line.get());
                        return true;
                    }
                    if (!process.isAlive()) {
                        throw new AssertionError("qsctl zdb exited with " + process.exitValue() + " before serving:\n"
                                + stderr());
                    }
                    return false;
                });
    }

    ServingReport report() {
        return report;
    }

    int port() {
        return report.port().orElseThrow();
    }

    long pid() {
        return process.pid();
    }

    Process process() {
        return process;
    }

    ZdbClientConfig client() {
        return ZdbClientConfig.tcp("127.0.0.1", port()).withConnectTimeout(Duration.ofSeconds(2))
                .withReconnect(ReconnectPolicy.NONE);
    }

    ZdbConnection connect() {
        return ZdbConnection.open(client());
    }

    String stdout() {
        return read(stdout);
    }

    String stderr() {
        return read(stderr);
    }

    /** SIGTERM, as a service manager stops a server; returns the exit code. */
    int stop() {
        process.destroy();
        return exitCode();
    }

    /** SIGINT, as Ctrl-C; returns the exit code. */
    int interrupt() {
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return exitCode();
    }

    /** SIGKILL: no clean-up of any kind; waits until the process is gone. */
    void kill() {
        process.destroyForcibly();
        exitCode();
    }

    /** Waits for the end of the process. */
    int exitCode() {
        try {
            if (!process.waitFor(START_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("qsctl zdb did not stop within " + START_LIMIT + ":\n" + stderr());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        } catch (IOException e) {
            // temporary files; the OS cleans them eventually
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
