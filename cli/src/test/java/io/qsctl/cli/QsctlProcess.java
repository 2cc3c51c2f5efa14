package io.qsctl.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged jar started in the background, for tests that kill it or run something beside it.
 * Its output goes to temporary files that can be read while it runs. Closing it kills it if it
 * still runs, so a failed assertion never leaves one behind.
 */
final class QsctlProcess implements AutoCloseable {

    private final Process process;
    private final long startedNanos;
    private final Path stdout;
    private final Path stderr;

    private QsctlProcess(Process process, long startedNanos, Path stdout, Path stderr) {
        this.process = process;
        this.startedNanos = startedNanos;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Starts {@code java -jar qsctl.jar ARGS} in {@code workDir} with exactly these {@code QSCTL_*} variables. */
    static QsctlProcess start(Map<String, String> env, Path workDir, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", QsctlRun.JAR.toString()));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("qsctl-out", ".txt");
            Path err = Files.createTempFile("qsctl-err", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
            builder.environment().keySet().removeIf(name -> name.startsWith("QSCTL_") || name.equals("NO_COLOR"));
            builder.environment().putAll(env);
            long started = System.nanoTime();
            Process process = builder.start();
            process.getOutputStream().close();
            return new QsctlProcess(process, started, out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Time since the process was started. */
    Duration age() {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /**
     * Lets the process run until {@code delay} after its start, then SIGKILLs it (no clean-up of
     * any kind) unless it ended by itself. Returns whether it was killed; either way it is gone.
     */
    boolean killAt(Duration delay) {
        try {
            long remaining = delay.minus(age()).toNanos();
            if (remaining > 0 && process.waitFor(remaining, TimeUnit.NANOSECONDS)) {
                return false;
            }
            if (!process.isAlive()) {
                return false;
            }
            process.destroyForcibly();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new AssertionError("qsctl (pid " + process.pid() + ") did not die of SIGKILL within 30 s");
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Waits for the end of the process and returns what it did. */
    QsctlRun await(Duration limit) {
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("qsctl did not end within " + limit + ":\n" + stderr());
            }
            return new QsctlRun(process.exitValue(), stdout(), stderr());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    String stdout() {
        return read(stdout);
    }

    String stderr() {
        return read(stderr);
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
