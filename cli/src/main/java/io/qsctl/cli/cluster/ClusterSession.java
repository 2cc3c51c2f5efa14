package io.qsctl.cli.cluster;

import io.qsctl.cli.context.CliContext;
import io.qsctl.cli.context.GlobalOptions;
import io.qsctl.cli.context.Terminal;
import io.qsctl.cli.context.VersionProvider;
import io.qsctl.common.Durations;
import io.qsctl.common.ExitCode;
import io.qsctl.common.QsctlException;
import io.qsctl.provider.Grid;
import io.qsctl.provider.identity.IdentityOrigin;
import io.qsctl.provider.identity.IdentitySource;
import io.qsctl.provider.identity.IdentityStore;
import io.qsctl.provider.identity.PassphrasePrompt;
import io.qsctl.provider.identity.ResolvedIdentity;
import io.qsctl.provider.identity.SandboxKeyFile;
import io.qsctl.provider.local.GridStatus;
import io.qsctl.provider.local.LocalGrid;
import io.qsctl.provider.local.LocalGridLauncher;
import io.qsctl.reconciler.Reconciler;
import io.qsctl.reconciler.api.ApplyOptions;
import io.qsctl.reconciler.api.NamespaceProbe;
import io.qsctl.reconciler.api.PlanMode;
import io.qsctl.spec.SpecLoader;
import io.qsctl.spec.SpecSource;
import io.qsctl.spec.StorageCluster;
import io.qsctl.state.LockInfo;
import io.qsctl.state.LockWaiting;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything a cluster command works with, resolved from the command line: the spec, the grid
 * (starting the embedded one when the spec says {@code network: local}), the identity and the
 * cluster's state directory. Opening the {@link Reconciler} takes the state lock.
 */
public final class ClusterSession implements AutoCloseable {

    /** The grid's clock runs at real speed unless the embedded grid was started otherwise. */
    private static final long REAL_TIME = 1;

    private final StorageCluster spec;
    private final String specName;
    private final Optional<Path> planFile;
    private final Grid grid;
    private final ResolvedIdentity identity;
    private final Path stateDir;
    private final Path gridHome;
    private final PrintWriter err;

    private ClusterSession(StorageCluster spec, String specName, Optional<Path> planFile, Grid grid,
                           ResolvedIdentity identity, Path stateDir, Path gridHome, PrintWriter err) {
        this.spec = spec;
        this.specName = specName;
        this.planFile = planFile;
        this.grid = grid;
        this.identity = identity;
        this.stateDir = stateDir;
        this.gridHome = gridHome;
        this.err = err;
    }

    /**
     * Loads the spec named by {@code -f}, refuses what this version cannot honour, warns (once, on
     * stderr) about the fields it does not act on yet, connects the grid and resolves the identity.
     */
    public static ClusterSession open(CliContext context, GlobalOptions global, ClusterOptions options, PrintWriter err) {
        if (options.file == null) {
            throw QsctlException.usage("say which cluster: -f storage.yaml");
        }
        String name = options.file.equals("-") ? "<stdin>" : options.file;
        SpecLoader.Result loaded = SpecLoader.check(options.file.equals("-") ? SpecSource.read(name, context.stdin())
                : SpecSource.read(Path.of(options.file)));
        StorageCluster spec = loaded.orThrow();
        return open(context, global, options, spec, name, Optional.empty(), loaded.written().keySet(), err);
    }

    /**
     * As {@link #open(CliContext, GlobalOptions, ClusterOptions, PrintWriter)} for a saved plan: its
     * spec comes from the plan file, and so does the command that resumes it. A plan file keeps the
     * effective spec, every default written out, so it cannot tell which fields the user set: the
     * warnings about fields not acted on yet were given by the {@code plan} that saved it.
     */
    public static ClusterSession openPlanFile(CliContext context, GlobalOptions global, ClusterOptions options,
                                              StorageCluster spec, Path planFile, PrintWriter err) {
        return open(context, global, options, spec, planFile.toString(), Optional.of(planFile), Set.of(), err);
    }

    private static ClusterSession open(CliContext context, GlobalOptions global, ClusterOptions options, StorageCluster spec,
                                       String specName, Optional<Path> planFile, Set<String> written, PrintWriter err) {
        List<SpecSupport.Refusal> refusals = SpecSupport.refusals(spec.spec());
        if (!refusals.isEmpty()) {
            throw QsctlException.invalidInput(refusals.stream().map(SpecSupport.Refusal::message)
                    .collect(Collectors.joining("; ")));
        }
        for (SpecSupport.NotActedOn field : SpecSupport.notActedOn(written)) {
            err.println("warning: " + field.message());
        }
        err.flush();
        Path gridHome = options.gridHome != null ? options.gridHome : LocalGridLauncher.defaultHome(context.env());
        GridStatus before = LocalGridLauncher.status(gridHome);
        if (!before.running() && !before.silent()) {
            err.println("Starting the embedded grid in " + gridHome + "...");
            err.flush();
        }
        LocalGridLauncher.ensureRunning(gridHome, REAL_TIME);
        LocalGrid grid = LocalGrid.connect(gridHome);
        try {
            ResolvedIdentity identity = identitySource(context, options).requireOrSandbox(
                    new SandboxKeyFile(gridHome.resolve("sandbox.key")));
            if (identity.origin() == IdentityOrigin.SANDBOX) {
                SandboxNotice.show(gridHome, identity, global.verbosity() > 0, err);
            }
            Path stateDir = global.stateDir(context.env()).resolve(spec.name());
            return new ClusterSession(spec, specName, planFile, grid, identity, stateDir, gridHome, err);
        } catch (RuntimeException e) {
            grid.close();
            throw e;
        }
    }

    private static IdentitySource identitySource(CliContext context, ClusterOptions options) {
        Path file = options.identityFile != null ? options.identityFile
                : IdentityStore.defaultPath(context.env(), Path.of(System.getProperty("user.home")));
        Terminal terminal = Terminal.of(context);
        PassphrasePrompt prompt = terminal.interactive()
                ? f -> terminal.secret("Passphrase for " + f + ": ")
                : f -> Optional.empty();
        return new IdentitySource(context.env(), new IdentityStore(file), prompt);
    }

    /**
     * Takes the cluster's lock for {@code operation} (saying on stderr whom it waits for, when
     * {@code --lock-timeout} lets it wait) and opens its state and journal.
     */
    public Reconciler reconciler(String operation, ClusterOptions options) {
        Duration timeout = options.lockTimeout();
        LockWaiting waiting = (holder, limit) -> {
            err.println("Waiting up to " + Durations.exact(limit) + " for the state lock of " + spec.name() + ", held by "
                    + holder.map(LockInfo::describe).orElse("another qsctl that has not said who it is yet") + "...");
            err.flush();
        };
        // What a destroy that stops part-way tells the user to run is destroy's own resume:
        // apply --resume would settle it and then build the cluster again.
        String resume = operation.equals("destroy") ? resumeCommand(PlanMode.DESTROY) : resumeCommand();
        return Reconciler.open(grid, identity.identity(), identity.identity().accountSigner(), spec.name(), stateDir,
                VersionProvider.version(), operation, timeout, waiting, ApplyOptions.defaults().withResumeCommand(resume))
                .observingNamespaces(namespaceProbe());
    }

    /**
     * Asks the cluster's namespaces on their nodes, as their owner: a refresh with it sees a node
     * that lost its disk but stays up.
     */
    public NamespaceProbe namespaceProbe() {
        return new ZdbNamespaceProbe(spec.name(), identity.identity());
    }

    /**
     * The spec file as {@code -f} takes it, for the commands messages tell the user to run: the
     * file given, or {@code storage.yaml} when the spec came from standard input or a plan file.
     */
    public String specFile() {
        return planFile.isPresent() || specName.equals("<stdin>") ? "storage.yaml" : specName;
    }

    /** The command that settles an interrupted apply and carries on. */
    public String resumeCommand() {
        return resumeCommand(PlanMode.APPLY);
    }

    /**
     * {@code qsctl apply -f FILE --resume}, {@code qsctl destroy -f FILE --resume}, or for a saved
     * plan {@code qsctl apply PLANFILE --resume} (a plan file is no spec for {@code -f}).
     */
    public String resumeCommand(PlanMode operation) {
        if (planFile.isPresent() && operation != PlanMode.DESTROY) {
            return "qsctl apply " + planFile.get() + " --resume";
        }
        return "qsctl " + (operation == PlanMode.DESTROY ? "destroy" : "apply") + " -f "
                + (specName.equals("<stdin>") ? "storage.yaml" : specName) + " --resume";
    }

    /**
     * Why {@code command} cannot go on while an interrupted operation is unsettled (exit code 3),
     * with the command that finishes what was interrupted (a destroy with destroy's resume).
     */
    public QsctlException unsettled(Reconciler reconciler, String command) {
        PlanMode interrupted = reconciler.interruptedOperation().orElse(PlanMode.APPLY);
        String message = "an earlier " + interrupted.id() + " of " + spec.name() + " was interrupted; ";
        if (command.equals("destroy")) {
            message += "settle it and destroy with `" + resumeCommand(PlanMode.DESTROY) + "`";
        } else if (interrupted == PlanMode.DESTROY) {
            message += "finish it with `" + resumeCommand(PlanMode.DESTROY) + "`, or settle it and apply the spec with `"
                    + resumeCommand() + "`";
        } else {
            message += "settle it and carry on with `" + resumeCommand() + "`";
        }
        return new QsctlException(ExitCode.PARTIAL, message);
    }

    public StorageCluster spec() {
        return spec;
    }

    public String specName() {
        return specName;
    }

    public Grid grid() {
        return grid;
    }

    public ResolvedIdentity identity() {
        return identity;
    }

    public Path stateDir() {
        return stateDir;
    }

    public Path gridHome() {
        return gridHome;
    }

    @Override
    public void close() {
        grid.close();
    }
}
