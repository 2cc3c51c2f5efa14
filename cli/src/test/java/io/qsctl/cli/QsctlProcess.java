package io.qsctl.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The packaged jar started in the background, for tests that kill it or run something beside it.
 * Its output goes to temporary files that can be read while it runs. Closing it kills it if it
 * still runs, so a failed assertion never leaves one behind.
 *
 * <p>{@link #startOnTerminal} runs it on a pseudo-terminal, as a person at a terminal would: it
 * then asks its questions ("Enter a value:") and waits for {@link #type answers}.
 */
final class QsctlProcess implements AutoCloseable {

    /**
     * qsctl runs for a second or two and the tests start hundreds of them on a shared 2-core
     * machine: the C1 compiler alone and the serial collector nearly halve each one's start-up
     * (3 s to 1.7 s for a plan) without changing what the process does.
     */
    private static final List<String> FAST_START = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private final Process process;
    private final boolean onTerminal;
    private final OutputStream stdin;
    private final long startedNanos;
    private final Path stdout;
    private final Path stderr;

    private QsctlProcess(Process process, boolean onTerminal, OutputStream stdin, long startedNanos, Path stdout,
                         Path stderr) {
        this.process = process;
        this.onTerminal = onTerminal;
        this.stdin = stdin;
        this.startedNanos = startedNanos;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Starts {@code java -jar qsctl.jar ARGS} in {@code workDir} with exactly these {@code QSCTL_*} variables. */
    static QsctlProcess start(Map<String, String> env, Path workDir, String... args) {
        return launch(qsctlCommand(args), false, false, env, workDir);
    }

    /**
     * As {@link #start} (with an open input pipe for {@link #feed} when {@code withInput}), with
     * SIGINT and SIGTERM at their default dispositions whatever the test runner's: a runner started
     * as a background job of a script ignores SIGINT, and its children would too. Uses coreutils'
     * {@code env --default-signal} (8.31 or later), which execs qsctl: {@link #pid()} is qsctl's.
     */
    static QsctlProcess startInterruptible(Map<String, String> env, Path workDir, boolean withInput, String... args) {
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT,TERM"));
        command.addAll(qsctlCommand(args));
        return launch(command, false, withInput, env, workDir);
    }

    /**
     * As {@link #start}, inside {@code bash -c SCRIPT}, where {@code %s} in the script stands for the
     * qsctl command line: {@code "umask 027; exec %s"}, {@code "set -o pipefail; %s | head -c 1"}.
     * The exit code is bash's; {@link #pid()} is qsctl's only when the script {@code exec}s it.
     */
    static QsctlProcess startInShell(Map<String, String> env, Path workDir, String script, String... args) {
        String line = qsctlCommand(args).stream().map(QsctlProcess::shellQuoted).collect(Collectors.joining(" "));
        return launch(List.of("bash", "-c", script.formatted(line)), false, false, env, workDir);
    }

    /** As {@link #start}, with standard input left open: the test writes it ({@link #input()}) and closes it. */
    static QsctlProcess startWithInput(Map<String, String> env, Path workDir, String... args) {
        return launch(qsctlCommand(args), false, true, env, workDir);
    }

    /**
     * As {@link #start}, but on a pseudo-terminal made by util-linux's {@code script(1)}, so that
     * qsctl has a console (stdin and stdout are a terminal). Everything it prints, stdout and
     * stderr alike, is in {@link #stdout()}; its exit code is qsctl's.
     */
    static QsctlProcess startOnTerminal(Map<String, String> env, Path workDir, String... args) {
        Path script = Stream.of("/usr/bin/script", "/bin/script").map(Path::of).filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new AssertionError("this test needs script(1) (util-linux) to give qsctl a terminal"));
        String line = qsctlCommand(args).stream().map(QsctlProcess::shellQuoted).collect(Collectors.joining(" "));
        return launch(List.of(script.toString(), "--quiet", "--flush", "--return", "--command", line, "/dev/null"), true,
                true, env, workDir);
    }

    private static List<String> qsctlCommand(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(FAST_START);
        command.addAll(List.of("-jar", QsctlRun.JAR.toString()));
        command.addAll(List.of(args));
        return command;
    }

    private static QsctlProcess launch(List<String> command, boolean onTerminal, boolean keepInput, Map<String, String> env,
                                       Path workDir) {
        try {
            Path out = Files.createTempFile("qsctl-out", ".txt");
            Path err = Files.createTempFile("qsctl-err", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
            builder.environment().keySet().removeIf(name -> name.startsWith("QSCTL_") || name.equals("NO_COLOR"));
            builder.environment().putAll(env);
            long started = System.nanoTime();
            Process process = builder.start();
            OutputStream stdin = process.getOutputStream();
            if (!keepInput) {
                stdin.close();
                stdin = null;
            }
            return new QsctlProcess(process, onTerminal, stdin, started, out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The process id of qsctl itself (on a terminal: of the JVM under {@code script}, once it runs). */
    long pid() {
        if (!onTerminal) {
            return process.pid();
        }
        return qsctl().map(ProcessHandle::pid).orElseThrow(() -> new AssertionError("qsctl is not running"));
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Time since the process was started. */
    Duration age() {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /**
     * Writes {@code bytes} to qsctl's standard input (started {@link #startInterruptible with input});
     * returns once the pipe took them, i.e. once qsctl read all but the pipe's buffer (64 KiB).
     */
    void feed(byte[] bytes) {
        if (stdin == null || onTerminal) {
            throw new IllegalStateException("qsctl was not started with an input pipe");
        }
        try {
            stdin.write(bytes);
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends SIG{@code name} (INT, TERM, ...) to qsctl, as {@code kill -NAME PID} does. */
    void signal(String name) {
        sendSignal(name, pid());
    }

    /** {@code kill -NAME PID}: Java sends only SIGTERM and SIGKILL itself. */
    static void sendSignal(String name, long pid) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).redirectErrorStream(true).start();
            String said = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new AssertionError("kill -" + name + " " + pid + " failed: " + said);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** qsctl's standard input, when it was started with it open. */
    OutputStream input() {
        if (stdin == null) {
            throw new IllegalStateException("qsctl was started with its standard input closed");
        }
        return stdin;
    }

    /** Types a line on qsctl's terminal, as a person would, Enter included. */
    void type(String line) {
        if (stdin == null || !onTerminal) {
            throw new IllegalStateException("qsctl was not started on a terminal");
        }
        try {
            stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ctrl-D on qsctl's terminal, as a person would type it at a prompt: end of input. */
    void typeEndOfInput() {
        if (stdin == null) {
            throw new IllegalStateException("qsctl was not started on a terminal");
        }
        try {
            stdin.write(4); // the terminal's EOF character (VEOF, ^D): the line discipline ends the read
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Lets the process run until {@code delay} after its start, then SIGKILLs qsctl (no clean-up of
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
            // On a terminal, killing script(1) would hang up the terminal, and qsctl would end
            // cleanly on SIGHUP: the JVM under it is the one to kill.
            Optional<ProcessHandle> victim = qsctl();
            if (victim.isEmpty()) {
                return false;
            }
            victim.get().destroyForcibly();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new AssertionError("qsctl (pid " + victim.get().pid() + ") did not die of SIGKILL within 30 s");
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
                close();
                throw new AssertionError("qsctl did not end within " + limit + ":\n" + stdout() + stderr());
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
            qsctl().ifPresent(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            if (stdin != null) {
                stdin.close();
            }
        } catch (IOException e) {
            // the process is gone; so is the pipe
        }
        try {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        } catch (IOException e) {
            // temporary files; the OS cleans them eventually
        }
    }

    /** The qsctl JVM: this process, or on a terminal the java process script(1) started. */
    private Optional<ProcessHandle> qsctl() {
        if (!onTerminal) {
            return process.isAlive() ? Optional.of(process.toHandle()) : Optional.empty();
        }
        return process.descendants().filter(p -> p.info().command().filter(c -> c.endsWith("/bin/java")).isPresent())
                .findFirst();
    }

    /** A word for {@code sh -c}: single-quoted, with single quotes inside closed, escaped and reopened. */
    private static String shellQuoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
