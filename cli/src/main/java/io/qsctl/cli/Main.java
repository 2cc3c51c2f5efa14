package io.qsctl.cli;

/** The qsctl process. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(Cli.run(CliContext.ofProcess(), args));
    }
}
