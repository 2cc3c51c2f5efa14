package io.qsctl.cli;

import io.qsctl.cli.context.CliContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/** Runs qsctl, in-process or as the real packaged jar, and keeps what it printed. */
record QsctlRun(int exitCode, String stdout, String stderr) {

    static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    static final Path JAR = Path.of("target", "qsctl.jar").toAbsolutePath();

    /** In-process, with the given environment and standard input. */
    static QsctlRun inProcess(Map<String, String> env, String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext context = new CliContext(env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), false);
        CommandLine cli = Cli.commandLine(context);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new QsctlRun(code, out.toString(), err.toString());
    }

    static QsctlRun inProcess(String... args) {
        return inProcess(Map.of(), "", args);
    }

    /** The packaged jar in a child JVM: the real process, its real exit code. */
    static QsctlRun process(Map<String, String> env, String stdin, Path workingDir, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(JAR.toString());
        command.addAll(List.of(args));
        return exec(command, env, stdin, workingDir, Duration.ofSeconds(60));
    }

    static QsctlRun process(String... args) {
        return process(Map.of(), "", REPOSITORY, args);
    }

    static QsctlRun exec(List<String> command, Map<String, String> env, String stdin, Path workingDir, Duration timeout) {
        try {
            Path out = Files.createTempFile("qsctl-out", ".txt");
            Path err = Files.createTempFile("qsctl-err", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            Map<String, String> environment = builder.environment();
            environment.remove("NO_COLOR");
            environment.remove("QSCTL_OUTPUT");
            environment.remove("QSCTL_LOG");
            environment.remove("QSCTL_LOG_FORMAT");
            environment.putAll(new HashMap<>(env));
            Process process = builder.start();
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("timed out after " + timeout + ": " + command);
            }
            QsctlRun run = new QsctlRun(process.exitValue(), Files.readString(out), Files.readString(err));
            Files.delete(out);
            Files.delete(err);
            return run;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
