package io.qsctl.cli.context;

import io.qsctl.cli.output.ColorMode;
import io.qsctl.cli.output.OutputFormat;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Options every command shares. They are declared once on the root command and inherited by
 * every subcommand, so {@code qsctl -o json validate} and {@code qsctl validate -o json} mean the
 * same. Each can also be set through a {@code QSCTL_*} environment variable.
 */
public final class GlobalOptions {

    @Option(names = {"-o", "--output"}, scope = ScopeType.INHERIT, paramLabel = "FORMAT",
            defaultValue = "text",
            description = "Output format on stdout: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}; env QSCTL_OUTPUT).")
    OutputFormat output = OutputFormat.TEXT;

    @Option(names = "--color", scope = ScopeType.INHERIT, paramLabel = "WHEN",
            defaultValue = "auto",
            description = "Colour: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}; env QSCTL_COLOR). "
                    + "auto colours only on a terminal and never when NO_COLOR is set.")
    ColorMode color = ColorMode.AUTO;

    @Option(names = "--no-color", scope = ScopeType.INHERIT, description = "Same as --color=never.")
    boolean noColor;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "More log detail on stderr: -v info, -vv debug, -vvv trace (env QSCTL_LOG=LEVEL).")
    boolean[] verbose = new boolean[0];

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "Log errors only.")
    boolean quiet;

    @Option(names = {"-x", "--stacktrace"}, scope = ScopeType.INHERIT,
            description = "Print the stack trace of an unexpected error.")
    boolean stacktrace;

    @Option(names = "--state-dir", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Where qsctl keeps cluster state (env QSCTL_STATE_DIR; default "
                    + "$XDG_STATE_HOME/qsctl, else ~/.local/state/qsctl).")
    Path stateDir;

    /** The output format, with {@code wide} read as text (commands without wide columns print text). */
    public OutputFormat output() {
        return output == OutputFormat.WIDE ? OutputFormat.TEXT : output;
    }

    /** Whether {@code -o wide} asked for more columns. */
    public boolean wide() {
        return output == OutputFormat.WIDE;
    }

    public int verbosity() {
        return verbose.length;
    }

    public boolean quiet() {
        return quiet;
    }

    public boolean stacktrace() {
        return stacktrace;
    }

    public ColorMode colorMode() {
        return noColor ? ColorMode.NEVER : color;
    }

    /** The state directory: the option, else the XDG state home, else ~/.local/state/qsctl. */
    public Path stateDir(Map<String, String> env) {
        if (stateDir != null) {
            return stateDir;
        }
        Optional<String> xdg = Optional.ofNullable(env.get("XDG_STATE_HOME")).filter(s -> !s.isBlank());
        return xdg.map(dir -> Path.of(dir, "qsctl"))
                .orElseGet(() -> Path.of(System.getProperty("user.home"), ".local", "state", "qsctl"));
    }
}
