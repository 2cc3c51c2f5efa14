package io.qsctl.cli;

import io.qsctl.cli.context.CliContext;
import io.qsctl.cli.context.LauncherStderr;

/** The qsctl process. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        LauncherStderr.adopt(); // before anything can have written to standard error
        System.exit(Cli.run(CliContext.ofProcess(), args));
    }
}
