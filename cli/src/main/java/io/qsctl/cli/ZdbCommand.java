package io.qsctl.cli;

import io.qsctl.cli.context.GlobalOptions;
import io.qsctl.cli.context.VersionProvider;
import io.qsctl.cli.logging.Logging;
import io.qsctl.cli.output.Documents;
import io.qsctl.cli.output.OutputFormat;
import io.qsctl.cli.zdb.BackgroundLauncher;
import io.qsctl.cli.zdb.ServingReport;
import io.qsctl.cli.zdb.StopSignals;
import io.qsctl.cli.zdb.ZdbLaunch;
import io.qsctl.cli.zdb.ZdbService;
import io.qsctl.cli.zdb.ZdbSizes;
import io.qsctl.common.ExitCode;
import io.qsctl.common.QsctlException;
import io.qsctl.spec.ByteSize;
import io.qsctl.zdb.engine.EngineSettings;
import io.qsctl.zdb.format.Mode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/** Runs a standalone 0-db compatible server, with 0-db's daemon options. */
@Command(name = "zdb",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Run a 0-db compatible server on local directories: 0-db's files, protocol and hooks, listening "
                    + "on 127.0.0.1 unless --listen says otherwise. It runs until SIGINT or SIGTERM and then stops "
                    + "cleanly, every write flushed and synced.",
            "",
            "Where it serves goes to stderr; with -o json also one JSON line to stdout (port, socket, pid). "
                    + "Options have 0-db's names, and each can be set as QSCTL_<NAME> (QSCTL_PORT, QSCTL_DATASIZE, "
                    + "...); give the admin password as QSCTL_ZDB_ADMIN. Sizes are bytes (268435456), K, M, G, T or "
                    + "KiB, MiB, GiB, TiB (powers of 1024), or KB, MB, GB, TB (powers of 1000)."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:stopped by SIGTERM (or --background: the server is running)",
            "1:could not start (directory, port, lock, ready hook) or failed while running",
            "64:usage error",
            "130:stopped by SIGINT (Ctrl-C)"
        })
final class ZdbCommand extends QsctlSubcommand {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ZdbCommand.class);
    /** 0-db's AUTH refuses longer passwords, so a longer admin password could never log in in clear. */
    private static final int MAX_ADMIN_PASSWORD = 128;
    static final String ADMIN_VARIABLE = "QSCTL_ZDB_ADMIN";
    private static final String SERVER_FAILED = "server failure";

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "./zdb-data",
            description = "Data root: one directory per namespace with its data files (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--index", paramLabel = "DIR", defaultValue = "./zdb-index",
            description = "Index root: one directory per namespace with its index files (default: ${DEFAULT-VALUE}).")
    Path index;

    @Option(names = "--listen", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "TCP listen address (default: ${DEFAULT-VALUE}; 0-db's is ::, every interface).")
    String listen;

    @Option(names = "--port", paramLabel = "N", defaultValue = "9900",
            description = "TCP port (default: ${DEFAULT-VALUE}); 0 picks a free one, which the output names.")
    int port;

    @Option(names = "--socket", paramLabel = "PATH",
            description = "Listen on this unix socket instead of TCP (both with --dualnet).")
    Path socket;

    @Option(names = "--dualnet", description = "With --socket, listen on TCP too.")
    boolean dualnet;

    @Option(names = "--mode", paramLabel = "MODE", converter = ModeConverter.class, completionCandidates = ModeNames.class,
            description = "Run every namespace in one mode: user (keys chosen by clients) or seq (ids chosen by the "
                    + "server). Without it: mixed, new namespaces in user mode and NSSET mode allowed.")
    Mode mode;

    @Option(names = "--datasize", paramLabel = "SIZE", defaultValue = "256MiB", converter = ZdbSizes.class,
            description = "Size at which a data file is sealed and the next one started (default: ${DEFAULT-VALUE}; "
                    + "less than 4 GiB).")
    long datasize;

    @Option(names = "--maxsize", paramLabel = "SIZE", defaultValue = "0", converter = ZdbSizes.class,
            description = "Size limit of the default namespace (default: 0, no limit).")
    long maxsize;

    @Option(names = "--admin", paramLabel = "PASSWORD",
            description = "Admin password; without one every client is admin. Prefer the environment variable "
                    + ADMIN_VARIABLE + ": a password on the command line is visible to every user in ps.")
    String admin;

    @Option(names = "--protect",
            description = "Writing the default namespace needs the admin password (SELECT default PASSWORD); needs an admin password.")
    boolean protect;

    @Option(names = "--hook", paramLabel = "EXE",
            description = "Run this executable on events (ready, namespace-created, jump-data, ...) as "
                    + "EXE EVENT INSTANCE-ID ARGS...; a failing ready hook stops start-up.")
    Path hook;

    @Option(names = "--sync", description = "Force every write to disk before it is acknowledged (fsync).")
    boolean sync;

    @Option(names = "--synctime", paramLabel = "SECONDS", defaultValue = "0",
            description = "Force writes to disk at the first write after this many seconds since the last time (default: 0, never).")
    long synctime;

    @Option(names = "--rotate", paramLabel = "SECONDS", defaultValue = "0",
            description = "Seal the current files of a namespace that changed, every this many seconds (default: 0, never).")
    long rotate;

    @Option(names = "--background",
            description = "Start the server as a separate process, wait until it serves, print its pid and exit.")
    boolean background;

    @Option(names = "--logfile", paramLabel = "FILE",
            description = "Append logs to this file instead of stderr (with --background: all of the server's output).")
    Path logfile;

    /** Set only by {@link BackgroundLauncher} on the child it starts. */
    @Option(names = BackgroundLauncher.READY_FILE_OPTION, hidden = true, paramLabel = "FILE")
    Path readyFile;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = err();
        ZdbLaunch launch = checkedLaunch(err);
        checkFiles();
        if (background && readyFile == null) {
            return startInBackground(launch);
        }
        if (logfile != null && readyFile == null) {
            logToFile();
        }
        StopSignals signals = StopSignals.install(readyFile != null);
        ZdbService service;
        try {
            service = ZdbService.start(launch, () -> signals.stop(SERVER_FAILED));
        } catch (QsctlException e) {
            if (readyFile != null) {
                BackgroundLauncher.reportFailure(readyFile, e);
            }
            throw e;
        }
        try (service) {
            announce(err, service.report());
            String signal = signals.await();
            LOG.info("stopping: {}", SERVER_FAILED.equals(signal) ? signal : "SIG" + signal);
            service.close();
            if (SERVER_FAILED.equals(signal)) {
                throw new QsctlException(ExitCode.ERROR, "the server stopped serving after an internal failure (see the "
                        + "log); the engine was closed cleanly");
            }
            err.println("zdb: stopped (SIG" + signal + ")");
            err.flush();
            return "INT".equals(signal) ? ExitCode.INTERRUPTED.code() : ExitCode.OK.code();
        } finally {
            signals.stopped();
        }
    }

    /** The options as the engine and server need them; wrong combinations are usage errors (64). */
    private ZdbLaunch checkedLaunch(PrintWriter err) {
        Optional<String> password = adminPassword(err);
        if (protect && password.isEmpty()) {
            throw usage("--protect needs an admin password: set " + ADMIN_VARIABLE + " (or give --admin)");
        }
        if (password.isPresent() && password.get().isEmpty()) {
            throw usage("the admin password is empty");
        }
        if (password.isPresent() && password.get().getBytes(StandardCharsets.UTF_8).length > MAX_ADMIN_PASSWORD) {
            throw usage("the admin password is longer than " + MAX_ADMIN_PASSWORD + " bytes, which 0-db's AUTH refuses");
        }
        if (port < 0 || port > 65535) {
            throw usage("--port must be between 0 and 65535, not " + port);
        }
        if (dualnet && socket == null) {
            throw usage("--dualnet needs --socket");
        }
        if (datasize < 1 || datasize >= EngineSettings.MAX_DATA_FILE_SIZE) {
            throw usage("--datasize must be at least 1 byte and less than 4GiB (data offsets are 32-bit), not "
                    + ByteSize.ofBytes(datasize));
        }
        if (synctime < 0) {
            throw usage("--synctime cannot be negative");
        }
        if (rotate < 0) {
            throw usage("--rotate cannot be negative");
        }
        return new ZdbLaunch(data, index, listen, port, Optional.ofNullable(socket), dualnet, Optional.ofNullable(mode),
                datasize, maxsize, password, protect, Optional.ofNullable(hook).map(ZdbCommand::runnable), sync,
                Duration.ofSeconds(synctime), Duration.ofSeconds(rotate));
    }

    /**
     * A hook named without a directory ({@code --hook hook.sh}) means the file here, as for 0-db's
     * execv; Java would look it up in PATH instead.
     */
    private static Path runnable(Path hook) {
        return hook.getParent() == null ? Path.of(".").resolve(hook) : hook;
    }

    /**
     * The command line wins, then {@value #ADMIN_VARIABLE}, then QSCTL_ADMIN (the generic rule
     * every option follows). A password typed on the command line is worth a warning.
     */
    private Optional<String> adminPassword(PrintWriter err) {
        if (spec.commandLine().getParseResult().hasMatchedOption("--admin")) {
            err.println("zdb: warning: a password given with --admin is visible to every user of this machine (ps); "
                    + "set " + ADMIN_VARIABLE + " instead");
            err.flush();
            return Optional.of(admin);
        }
        String fromEnv = context().env().get(ADMIN_VARIABLE);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(fromEnv);
        }
        return Optional.ofNullable(admin);
    }

    /** Files named by options must be usable before anything starts (errors, exit 1). */
    private void checkFiles() {
        if (hook != null && !(Files.isRegularFile(hook) && Files.isExecutable(hook))) {
            throw QsctlException.invalidInput("--hook " + hook + ": "
                    + (Files.exists(hook) ? "not an executable file" : "no such file"));
        }
        if (logfile != null) {
            try (OutputStream probe = Files.newOutputStream(logfile, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                probe.flush();
            } catch (IOException e) {
                throw QsctlException.invalidInput("cannot write the log file " + logfile + ": " + e.getMessage());
            }
        }
    }

    private void logToFile() {
        GlobalOptions global = global();
        if (!Logging.configureFile(Logging.level(global.verbosity(), global.quiet(), context().env()),
                Logging.Format.fromEnv(context().env()), logfile)) {
            throw QsctlException.invalidInput("cannot write the log file " + logfile);
        }
    }

    private void announce(PrintWriter err, ServingReport report) {
        err.println(report.textLine());
        err.flush();
        printReport(report);
        if (readyFile != null) {
            BackgroundLauncher.reportServing(readyFile, report);
        }
    }

    private int startInBackground(ZdbLaunch launch) {
        ServingReport report = BackgroundLauncher.launch(launch, globalArguments(), context().env(),
                Optional.ofNullable(logfile));
        PrintWriter err = err();
        err.println(report.textLine() + " in the background as pid " + report.pid()
                + (logfile == null ? "" : "; its output goes to " + logfile));
        err.flush();
        if (global().output() == OutputFormat.TEXT) {
            out().println(report.pid());
            out().flush();
        } else {
            printReport(report);
        }
        return ExitCode.OK.code();
    }

    /** The serving event: -o json one line, -o yaml one document after ---, as every stream of events; text: none. */
    private void printReport(ServingReport report) {
        if (Documents.machine(global().output())) {
            Documents.event(out(), global().output(), report.event());
        }
    }

    /** The global options the background child needs to behave as asked. */
    private List<String> globalArguments() {
        GlobalOptions global = global();
        List<String> args = new ArrayList<>();
        for (int i = 0; i < global.verbosity(); i++) {
            args.add("-v");
        }
        if (global.quiet()) {
            args.add("-q");
        }
        if (global.stacktrace()) {
            args.add("-x");
        }
        args.add("--output=" + global.output().name().toLowerCase(Locale.ROOT));
        return args;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** user, seq, and 0-db's deprecated alias of seq, direct. */
    static final class ModeConverter implements ITypeConverter<Mode> {
        @Override
        public Mode convert(String value) {
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "user" -> Mode.USER;
                case "seq", "direct" -> Mode.SEQ;
                default -> throw new TypeConversionException("'" + value + "' is not a mode; use user or seq");
            };
        }
    }

    /** What completion offers for --mode. */
    static final class ModeNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("user", "seq").iterator();
        }
    }
}
