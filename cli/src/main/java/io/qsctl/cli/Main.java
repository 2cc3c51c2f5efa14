package io.qsctl.cli;

/** The qsctl process. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        LauncherStderr.adopt(); // before anything can have written to standard error
        System.exit(Cli.run(CliContext.ofProcess(), args));
    }
}
