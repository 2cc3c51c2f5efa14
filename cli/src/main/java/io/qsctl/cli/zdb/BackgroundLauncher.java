package io.qsctl.cli.zdb;

import io.qsctl.cli.context.LauncherStderr;
import io.qsctl.common.DurableFiles;
import io.qsctl.common.DurableFiles.Access;
import io.qsctl.common.ExitCode;
import io.qsctl.common.FileTrees;
import io.qsctl.common.QsctlException;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code --background}. 0-db forks after listening; a JVM cannot fork, so the same command is
 * started again as a child process (same java, same class path, same JVM options, every option
 * explicit, no {@code --background}), with stdin from /dev/null and stdout and stderr going to
 * {@code --logfile} or /dev/null. The child reports through a small file once it serves, or why it
 * could not; the parent waits for that, passes the verdict on, and exits while the child runs on.
 */
public final class BackgroundLauncher {

    /** The hidden option that makes a child report to the parent. */
    public static final String READY_FILE_OPTION = "--ready-file";
    /** How long a child may take to load its namespaces before the parent gives up waiting. */
    static final Duration START_LIMIT = Duration.ofMinutes(5);
    private static final JsonMapper JSON = JsonMapper.shared();
    private static final String MAIN_CLASS = "io.qsctl.cli.Main";

    private BackgroundLauncher() {
    }

    /**
     * Starts the child and waits until it serves.
     *
     * @param launch     the checked options
     * @param globalArgs global options to pass on ({@code -v}, {@code -q}, ...)
     * @param env        the environment qsctl runs in
     * @param logfile    where the child's output goes, or empty for /dev/null
     * @return where the child serves, with its pid
     */
    public static ServingReport launch(ZdbLaunch launch, List<String> globalArgs, Map<String, String> env,
                                       Optional<Path> logfile) {
        Path exchange;
        try {
            exchange = Files.createTempDirectory("qsctl-zdb-");
        } catch (IOException e) {
            throw QsctlException.invalidInput("cannot create a temporary directory: " + e.getMessage());
        }
        Path ready = exchange.resolve("ready");
        try {
            Process child = start(command(launch, globalArgs, ready), env, launch, logfile);
            return await(child, ready, logfile);
        } finally {
            try {
                FileTrees.delete(exchange); // the ready file, and a temporary one a killed child left
            } catch (IOException e) {
                // a file left in the temporary directory is harmless
            }
        }
    }

    private static List<String> command(ZdbLaunch launch, List<String> globalArgs, Path ready) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            // a debugger or agent attached to the parent is not meant for the daemon (and its port is taken);
            // nor is the parent's standard error descriptor, which the child does not inherit
            if (!option.startsWith("-agentlib:") && !option.startsWith("-agentpath:") && !option.startsWith("-javaagent:")
                    && !option.startsWith("-D" + LauncherStderr.PROPERTY + "=")) {
                command.add(option);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(MAIN_CLASS);
        command.addAll(globalArgs);
        command.addAll(launch.arguments());
        command.add(READY_FILE_OPTION);
        command.add(ready.toString());
        return command;
    }

    private static Process start(List<String> command, Map<String, String> env, ZdbLaunch launch,
                                 Optional<Path> logfile) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(new File("/dev/null"));
        if (logfile.isPresent()) {
            ProcessBuilder.Redirect append = ProcessBuilder.Redirect.appendTo(logfile.get().toFile());
            builder.redirectOutput(append).redirectError(append);
        } else {
            builder.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        }
        Map<String, String> environment = builder.environment();
        environment.clear();
        environment.putAll(env);
        // everything the child needs is on its command line; these would undo it
        for (String name : List.of("QSCTL_BACKGROUND", "QSCTL_LOGFILE", "QSCTL_READY_FILE", "QSCTL_ADMIN",
                "QSCTL_ZDB_ADMIN")) {
            environment.remove(name);
        }
        launch.admin().ifPresent(password -> environment.put("QSCTL_ZDB_ADMIN", password));
        try {
            return builder.start();
        } catch (IOException e) {
            throw QsctlException.invalidInput("cannot start the background server: " + e.getMessage());
        }
    }

    private static ServingReport await(Process child, Path ready, Optional<Path> logfile) {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (true) {
            Optional<ServingReport> report = read(ready);
            if (report.isPresent()) {
                return report.get();
            }
            try {
                int code = child.onExit().get(100, TimeUnit.MILLISECONDS).exitValue();
                Optional<ServingReport> late = read(ready);
                if (late.isPresent()) {
                    return late.get();
                }
                throw new QsctlException(ExitCode.ERROR, "the background server exited with code " + code
                        + " before serving; " + logfile.map(f -> "see " + f).orElse("run without --background to see why"));
            } catch (TimeoutException stillStarting) {
                if (System.nanoTime() > deadline) {
                    throw new QsctlException(ExitCode.ERROR, "the background server (pid " + child.pid()
                            + ") is not serving after " + START_LIMIT.toMinutes() + " minutes; it is still running");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                child.destroy();
                throw new QsctlException(ExitCode.INTERRUPTED, "interrupted; the background server was stopped");
            } catch (ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The child's report: where it serves, or (as a failure) why it could not. */
    private static Optional<ServingReport> read(Path ready) {
        if (!Files.exists(ready)) {
            return Optional.empty();
        }
        String line;
        try {
            line = Files.readString(ready, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return Optional.empty();
        }
        JsonNode report = JSON.readTree(line);
        if ("failed".equals(report.path("type").asString())) {
            int code = report.path("exitCode").asInt(1);
            ExitCode exit = code == ExitCode.USAGE.code() ? ExitCode.USAGE : ExitCode.ERROR;
            throw new QsctlException(exit, report.path("message").asString());
        }
        return Optional.of(ServingReport.parse(line));
    }

    /** In the child: tells the parent where it serves. */
    public static void reportServing(Path ready, ServingReport report) {
        write(ready, report.jsonLine());
    }

    /** In the child: tells the parent why it could not start. */
    public static void reportFailure(Path ready, QsctlException error) {
        ObjectNode line = JSON.createObjectNode();
        line.put("type", "failed");
        line.put("exitCode", error.exitCode().code());
        line.put("message", error.getMessage());
        write(ready, JSON.writeValueAsString(line));
    }

    /** Written aside and renamed, so the parent never reads half a line. */
    private static void write(Path ready, String line) {
        try {
            DurableFiles.replace(ready, (line + "\n").getBytes(StandardCharsets.UTF_8), Access.DEFAULT);
        } catch (IOException e) {
            throw new QsctlException(ExitCode.ERROR, "cannot tell the parent process that we serve: " + e.getMessage());
        }
    }
}
