package io.qsctl.cli.context;

import java.io.InputStream;
import java.util.Map;

/**
 * What a command may read from the process around it. Passed in rather than read from
 * {@code System} so tests can run commands in-process with their own environment.
 */
public record CliContext(Map<String, String> env, InputStream stdin, boolean interactive) {
    public CliContext {
        env = Map.copyOf(env);
    }

    public static CliContext ofProcess() {
        return new CliContext(System.getenv(), System.in, System.console() != null);
    }
}
