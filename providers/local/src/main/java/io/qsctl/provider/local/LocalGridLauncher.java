package io.qsctl.provider.local;

import io.qsctl.common.ProcessFileLock;
import io.qsctl.provider.GridException;
import io.qsctl.provider.GridException.Kind;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import tools.jackson.databind.JsonNode;

/**
 * Starts, finds and stops the grid daemon of a grid home. The daemon is a detached child process
 * (same java, same class path; in its own session where {@code setsid} exists, so Ctrl-C in the
 * terminal that started it does not reach it) that outlives whoever started it. Launchers in
 * several processes and threads may race: they take {@code launch.lock} in the home, and the
 * daemon itself takes {@code daemon.lock}, so one daemon runs per home whatever happens.
 */
public final class LocalGridLauncher {

    /** How long a daemon may take to serve before we give up on it. */
    public static final Duration START_LIMIT = Duration.ofSeconds(60);
    static final Duration STOP_LIMIT = Duration.ofSeconds(20);
    /** How long a daemon may take to answer {@code /health} before it counts as not answering. */
    static final Duration HEALTH_LIMIT = Duration.ofSeconds(5);
    /** Prefix of the system properties a launcher passes on to the daemon it starts (test fault injection). */
    static final String TEST_PROPERTIES = "qsctl.grid.test.";
    private static final Duration POLL = Duration.ofMillis(25);
    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private LocalGridLauncher() {
    }

    /**
     * The default grid home: {@code $XDG_DATA_HOME/qsctl/grid}, else {@code ~/.local/share/qsctl/grid}.
     * It belongs to the user, not to a cluster: every state directory on the machine sees the same grid.
     */
    public static Path defaultHome(Map<String, String> env) {
        String xdg = env.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "qsctl", "grid");
        }
        return Path.of(System.getProperty("user.home"), ".local", "share", "qsctl", "grid");
    }

    /**
     * Returns the running daemon of {@code home}, starting one with {@code timeScale} if none runs.
     * A daemon that already runs keeps its own time scale (the returned file says which).
     */
    public static GridFile ensureRunning(Path home, long timeScale) {
        Path dir = home.toAbsolutePath().normalize();
        ReentrantLock local = IN_PROCESS.computeIfAbsent(dir, d -> new ReentrantLock());
        local.lock();
        try (ProcessFileLock ignored = HomeLock.take(dir, HomeLock.LAUNCH)) {
            Optional<GridFile> alive = GridFile.read(dir).filter(GridFile::processAlive);
            if (alive.isPresent()) {
                if (DaemonProcess.suspended(alive.get().pid())) {
                    throw new GridException(Kind.UNAVAILABLE, notAnswering(dir, alive.get()));
                }
                if (health(alive.get()).isPresent()) {
                    return alive.get();
                }
                // it served before (grid.json is written once it serves) and is busy or stuck: give it time
                return awaitServing(dir, Optional.empty(), alive.get().started());
            }
            if (daemonHoldsHome(dir)) {
                // a daemon started some other way is still starting: wait for it rather than start a second
                Instant started = HomeLock.holder(dir, HomeLock.DAEMON).flatMap(DaemonProcess::startedAt)
                        .orElseGet(Instant::now);
                return awaitServing(dir, Optional.empty(), started);
            }
            Files.deleteIfExists(GridFile.path(dir));
            Instant launched = Instant.now();
            Process child = spawn(dir, timeScale);
            return awaitServing(dir, Optional.of(child), launched);
        } catch (IOException e) {
            throw new GridException(Kind.UNAVAILABLE, "cannot prepare the grid home " + dir + ": " + e.getMessage(), e);
        } finally {
            local.unlock();
        }
    }

    /** Stops the daemon of {@code home}; false if none was running. */
    public static boolean stop(Path home) {
        Path dir = home.toAbsolutePath().normalize();
        Optional<GridFile> file = GridFile.read(dir).filter(GridFile::processAlive);
        if (file.isEmpty()) {
            return false;
        }
        ProcessHandle process = ProcessHandle.of(file.get().pid()).orElse(null);
        if (process == null) {
            return false;
        }
        if (DaemonProcess.suspended(process.pid())) {
            // a stopped process handles SIGTERM only once it runs again; then it stops cleanly, world saved
            process.destroy();
            DaemonProcess.resume(process.pid());
        } else {
            try (GridAdmin admin = GridAdmin.connect(file.get(), dir, HEALTH_LIMIT)) {
                admin.shutdown();
            } catch (GridException e) {
                process.destroy();
            }
        }
        if (!waitForExit(process, STOP_LIMIT)) {
            process.destroy();
            if (!waitForExit(process, Duration.ofSeconds(10))) {
                process.destroyForcibly();
                waitForExit(process, Duration.ofSeconds(5));
            }
        }
        return true;
    }

    /** Whether the daemon of {@code home} runs and answers, and what it says about its grid. */
    public static GridStatus status(Path home) {
        Path dir = home.toAbsolutePath().normalize();
        Optional<GridFile> file = GridFile.read(dir).filter(GridFile::processAlive);
        if (file.isEmpty()) {
            return GridStatus.stopped(dir);
        }
        boolean suspended = DaemonProcess.suspended(file.get().pid());
        Optional<JsonNode> health = suspended ? Optional.empty() : health(file.get());
        if (health.isEmpty()) {
            return new GridStatus(dir, false, file, Optional.empty(), suspended);
        }
        JsonNode h = health.get();
        return new GridStatus(dir, true, file, Optional.of(new GridStatus.Health(Instant.parse(h.path("time").asString()),
                h.path("time_scale").asLong(), h.path("farms").asInt(), h.path("nodes").asInt(), h.path("nodes_up").asInt(),
                h.path("twins").asInt(), h.path("contracts").asInt())), false);
    }

    /** Why a daemon that runs does not answer, and what to do about it. */
    static String notAnswering(Path home, GridFile daemon) {
        String what = "the embedded grid in " + home + " does not answer: its daemon (pid " + daemon.pid() + ", started "
                + daemon.started() + ")";
        if (DaemonProcess.suspended(daemon.pid())) {
            return what + " is stopped by a signal (SIGSTOP or Ctrl-Z); 'kill -CONT " + daemon.pid()
                    + "' lets it go on, 'qsctl grid down' stops it";
        }
        return what + " did not answer within " + HEALTH_LIMIT.toSeconds() + " s; see " + home.resolve(GridDaemon.LOG_FILE)
                + ", or stop it with 'qsctl grid down'";
    }

    private static Optional<JsonNode> health(GridFile file) {
        try (GridHttp http = new GridHttp(file.url(), Optional.empty(), HEALTH_LIMIT, file.url())) {
            return Optional.of(http.get("/health"));
        } catch (GridException e) {
            return Optional.empty();
        }
    }

    private static boolean daemonHoldsHome(Path home) {
        Optional<ProcessFileLock> probe = HomeLock.tryTake(home, HomeLock.DAEMON);
        probe.ifPresent(ProcessFileLock::close);
        return probe.isEmpty();
    }

    private static Process spawn(Path home, long timeScale) throws IOException {
        List<String> command = new ArrayList<>();
        setsid().ifPresent(command::add);
        command.add(ProcessHandle.current().info().command()
                .filter(c -> c.endsWith("java"))
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        // a small, quick-starting JVM: the daemon's work is I/O, not computation
        command.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k", "-XX:-UsePerfData"));
        // fault injection for tests travels on to the daemon (see CrashPoint); nothing else does
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith(TEST_PROPERTIES)).sorted()
                .forEach(k -> command.add("-D" + k + "=" + System.getProperty(k)));
        command.add("-cp");
        command.add(absoluteClassPath());
        command.add(GridDaemon.class.getName());
        command.addAll(List.of("--home", home.toString(), "--time-scale", Long.toString(timeScale)));
        File log = home.resolve(GridDaemon.LOG_FILE).toFile();
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
                .redirectError(ProcessBuilder.Redirect.appendTo(log));
        return builder.start();
    }

    /** The daemon runs in its home, so a class path relative to here ({@code java -jar cli/target/qsctl.jar}) is made absolute. */
    private static String absoluteClassPath() {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                entries.add(Path.of(entry).toAbsolutePath().toString());
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static Optional<String> setsid() {
        for (String candidate : List.of("/usr/bin/setsid", "/bin/setsid")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Polls for a serving daemon until {@link #START_LIMIT}; fails early if the child we started
     * died. {@code started} is when the daemon really started, for the message.
     */
    private static GridFile awaitServing(Path home, Optional<Process> child, Instant started) {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<GridFile> file = GridFile.read(home).filter(GridFile::processAlive);
            if (file.isPresent() && health(file.get()).isPresent()) {
                return file.get();
            }
            if (child.isPresent() && !child.get().isAlive() && child.get().exitValue() != 0) {
                throw new GridException(Kind.UNAVAILABLE, "the embedded grid could not start in " + home + ": "
                        + lastLine(home.resolve(GridDaemon.LOG_FILE)) + " (see " + home.resolve(GridDaemon.LOG_FILE) + ")");
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GridException(Kind.UNAVAILABLE, "interrupted while the embedded grid was starting");
            }
        }
        Optional<GridFile> silent = GridFile.read(home).filter(GridFile::processAlive);
        if (silent.isPresent()) {
            throw new GridException(Kind.UNAVAILABLE, notAnswering(home, silent.get()) + " (waited "
                    + START_LIMIT.toSeconds() + " s)");
        }
        throw new GridException(Kind.UNAVAILABLE, "the embedded grid in " + home + ", started at " + started
                + ", does not serve after " + START_LIMIT.toSeconds() + " s; see " + home.resolve(GridDaemon.LOG_FILE));
    }

    private static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (lines.get(i).startsWith("grid: ")) {
                    return lines.get(i).substring("grid: ".length());
                }
            }
            return lines.isEmpty() ? "no output" : lines.get(lines.size() - 1);
        } catch (IOException e) {
            return "no log";
        }
    }

    /** Whether the process ended within {@code limit}; an ended process nobody reaped yet counts as ended. */
    private static boolean waitForExit(ProcessHandle process, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (process.isAlive() && !DaemonProcess.ended(process.pid())) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
