package io.qsctl.provider.local;

import io.qsctl.common.ProcessFileLock;
import io.qsctl.provider.Tft;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The embedded grid as a process of its own, one per grid home:
 * {@code java -cp ... io.qsctl.provider.local.GridDaemon --home DIR [--time-scale N] [--seed N]
 * [--starting-funds TFT]}.
 *
 * <p>It locks the home (a second daemon there refuses to start, exit 1), opens the world (or
 * creates the default one), starts every node's zdb server and the HTTP API on loopback, and
 * writes {@code grid.json} with its pid, port and admin token. Its output goes to
 * {@code <home>/grid.log}. It stops cleanly, everything written, on SIGTERM and on
 * {@code POST /admin/shutdown}.
 */
public final class GridDaemon {

    /** How often the billing timer looks at the clock (real time). */
    static final long TICK_MILLIS = 200;
    public static final String LOG_FILE = "grid.log";

    private final Path home;
    private final ProcessFileLock lock;
    private final EmbeddedGrid grid;
    private final GridHttpServer http;
    private final GridFile file;
    private final ScheduledExecutorService ticker;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private boolean stopped;

    private GridDaemon(Path home, ProcessFileLock lock, EmbeddedGrid grid, String token, Instant started) {
        this.home = home;
        this.lock = lock;
        this.grid = grid;
        this.http = GridHttpServer.start(grid, token, stopRequested::countDown);
        grid.servedAt("http://" + EmbeddedGrid.LOOPBACK + ":" + http.port());
        this.file = new GridFile(ProcessHandle.current().pid(), http.port(), token, version(), started, grid.timeScale());
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "grid-billing");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The options, parsed. */
    record Options(Path home, long timeScale, long seed, Tft startingFunds) {

        static Options parse(String... args) {
            Path home = null;
            long timeScale = 1;
            long seed = 1;
            Tft funds = EmbeddedGrid.DEFAULT_STARTING_FUNDS;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (arg) {
                    case "--home" -> home = Path.of(required(arg, value));
                    case "--time-scale" -> timeScale = Long.parseLong(required(arg, value));
                    case "--seed" -> seed = Long.parseLong(required(arg, value));
                    case "--starting-funds" -> funds = Tft.parse(required(arg, value));
                    default -> throw new IllegalArgumentException("unknown option " + arg);
                }
                i++;
            }
            if (home == null) {
                throw new IllegalArgumentException("--home DIR is required");
            }
            GridLimits.timeScale(timeScale).ifPresent(problem -> {
                throw new IllegalArgumentException("--time-scale: " + problem);
            });
            GridLimits.startingFunds(funds).ifPresent(problem -> {
                throw new IllegalArgumentException("--starting-funds: " + problem);
            });
            return new Options(home.toAbsolutePath().normalize(), timeScale, seed, funds);
        }

        private static String required(String option, String value) {
            if (value == null) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return value;
        }
    }

    public static void main(String[] args) {
        PrintStream caller = System.err;
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            caller.println("grid: " + e.getMessage());
            caller.println("usage: GridDaemon --home DIR [--time-scale N] [--seed N] [--starting-funds TFT]");
            System.exit(64);
            return;
        }
        // exit explicitly: a thread some library left running must not keep a stopped grid alive
        System.exit(run(options, caller));
    }

    /** Runs until stopped; returns the exit code. */
    static int run(Options options, PrintStream caller) {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        Optional<ProcessFileLock> lock;
        try {
            lock = HomeLock.tryTake(options.home(), HomeLock.DAEMON);
        } catch (UncheckedIOException e) {
            caller.println("grid: " + e.getMessage());
            return 1;
        }
        if (lock.isEmpty()) {
            String holder = HomeLock.holder(options.home(), HomeLock.DAEMON).map(p -> " (pid " + p + ")").orElse("");
            caller.println("grid: another grid daemon" + holder + " serves " + options.home() + "; not starting a second one");
            return 1;
        }
        logToHome(options.home());
        GridDaemon daemon;
        try {
            EmbeddedGrid grid = EmbeddedGrid.open(new EmbeddedGrid.Settings(options.home(), options.timeScale(),
                    options.seed(), options.startingFunds(), java.time.InstantSource.system()));
            daemon = new GridDaemon(options.home(), lock.get(), grid, newToken(), started);
        } catch (RuntimeException e) {
            System.err.println("grid: cannot start: " + e);
            e.printStackTrace(System.err);
            caller.println("grid: cannot start: " + e.getMessage());
            lock.get().close();
            return 1;
        }
        daemon.grid.repairsAtStart().forEach(line -> System.err.println(Instant.now() + " grid: " + line));
        daemon.file.write(options.home());
        EmbeddedGrid.Summary s = daemon.grid.summary();
        System.err.printf("%s grid: serving %s on %s (pid %d, %d farms, %d nodes, %d up, time scale %d; ready in %d ms)%n",
                Instant.now(), options.home(), daemon.file.url(), daemon.file.pid(), s.farms(), s.nodes(), s.nodesUp(),
                s.timeScale(), (System.nanoTime() - t0) / 1_000_000);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> daemon.stop("SIGTERM"), "grid-stop"));
        try {
            daemon.stopRequested.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        daemon.stop("an admin request");
        return 0;
    }

    private void tick() {
        try {
            grid.tick();
        } catch (RuntimeException e) {
            System.err.println(Instant.now() + " grid: billing failed: " + e);
        }
    }

    /** Stops serving, writes the world, closes every node and lets go of the home. */
    private synchronized void stop(String why) {
        if (stopped) {
            return;
        }
        stopped = true;
        ticker.shutdownNow();
        http.close();
        try {
            grid.close();
        } finally {
            GridFile.read(home).filter(f -> f.pid() == file.pid()).ifPresent(f -> {
                try {
                    Files.deleteIfExists(GridFile.path(home));
                } catch (IOException e) {
                    // a stale grid.json is recognised by its dead pid
                }
            });
            lock.close();
            System.err.println(Instant.now() + " grid: stopped (" + why + ")");
            System.err.flush();
        }
    }

    /** Everything the daemon prints goes to the grid's log, whoever started it. */
    private static void logToHome(Path home) {
        try {
            PrintStream log = new PrintStream(new FileOutputStream(home.resolve(LOG_FILE).toFile(), true), true,
                    StandardCharsets.UTF_8);
            System.setOut(log);
            System.setErr(log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + home.resolve(LOG_FILE), e);
        }
    }

    private static String newToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static String version() {
        try (InputStream in = GridDaemon.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}
