package io.qsctl.cli;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every option can be set from the environment: {@code --state-dir} from {@code QSCTL_STATE_DIR},
 * {@code --lock-timeout} from {@code QSCTL_LOCK_TIMEOUT}, and so on. The command line wins over the
 * environment, which wins over the built-in default. Flags whose environment form would be
 * surprising are left out: help, version, verbosity (use QSCTL_LOG) and colour switches (use
 * NO_COLOR or QSCTL_COLOR). Hidden options are internal (one process telling another something)
 * and never come from the environment.
 */
final class EnvDefaults implements IDefaultValueProvider {

    private static final Set<String> NOT_FROM_ENV = Set.of(
            "--help", "--version", "--verbose", "--quiet", "--no-color", "--stacktrace");

    private final Map<String, String> env;

    EnvDefaults(Map<String, String> env) {
        this.env = env;
    }

    static String variableFor(String longName) {
        return "QSCTL_" + longName.replaceFirst("^-+", "").replace('-', '_').toUpperCase(Locale.ROOT);
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (!(argSpec instanceof OptionSpec option) || NOT_FROM_ENV.contains(option.longestName())
                || !option.longestName().startsWith("--") || option.hidden()) {
            return null;
        }
        String value = env.get(variableFor(option.longestName()));
        return value == null || value.isBlank() ? null : value;
    }
}
