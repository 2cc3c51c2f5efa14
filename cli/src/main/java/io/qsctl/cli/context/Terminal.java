package io.qsctl.cli.context;

import io.qsctl.common.QsctlException;
import java.io.Console;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Optional;

/**
 * Questions to the person at the terminal: confirmations and hidden passphrases. Never asks when
 * qsctl is not on a terminal (CI, pipes): callers get "nobody to ask" and decide what that means.
 */
public final class Terminal {

    private final Console console;

    private Terminal(Console console) {
        this.console = console;
    }

    /** The terminal of this process, if it has one and the context says it is interactive. */
    public static Terminal of(CliContext context) {
        return new Terminal(context.interactive() ? System.console() : null);
    }

    public boolean interactive() {
        return console != null;
    }

    /**
     * Terraform's rule: only the word "yes" approves. Empty when there is no terminal to ask;
     * end of input (Ctrl-D) is no answer at all, and ends the command (see {@link #readLine}).
     */
    public Optional<Boolean> confirm(String question) {
        if (console == null) {
            return Optional.empty();
        }
        String answer = readLine(String.format("%s%n  Only 'yes' will be accepted to approve.%n%n  Enter a value: ", question));
        return Optional.of(answer.trim().equals("yes"));
    }

    /**
     * One line typed at the terminal. End of input (Ctrl-D) is not an answer, and a question
     * asked before a change is never taken as answered: it fails the command, saying so.
     *
     * @throws IllegalStateException when there is no terminal (ask {@link #interactive()} first)
     */
    public String readLine(String prompt) {
        if (console == null) {
            throw new IllegalStateException("no terminal to ask");
        }
        String answer = console.readLine("%s", prompt);
        if (answer == null) {
            // The cursor is still behind the prompt: end its line before the error is printed.
            console.writer().println();
            console.writer().flush();
            throw QsctlException.invalidInput("no answer (end of input): nothing was changed");
        }
        return answer;
    }

    /** A hidden answer, in an array the caller wipes. */
    public Optional<char[]> secret(String prompt) {
        if (console == null) {
            return Optional.empty();
        }
        char[] answer = console.readPassword("%s", prompt);
        return Optional.ofNullable(answer);
    }

    /** A new passphrase, asked twice; empty when the two differ or nobody can answer. */
    public Optional<char[]> newPassphrase(PrintWriter err) {
        Optional<char[]> first = secret("New passphrase for the identity file: ");
        if (first.isEmpty()) {
            return Optional.empty();
        }
        Optional<char[]> second = secret("Same passphrase again: ");
        if (second.isEmpty() || !Arrays.equals(first.get(), second.get())) {
            first.ifPresent(p -> Arrays.fill(p, '\0'));
            second.ifPresent(p -> Arrays.fill(p, '\0'));
            err.println("The passphrases differ.");
            err.flush();
            return Optional.empty();
        }
        Arrays.fill(second.get(), '\0');
        return first;
    }

    /** Writes straight to the terminal (not stdout): for what must not end up in a pipe or a log. */
    public boolean showPrivately(String text) {
        if (console == null) {
            return false;
        }
        console.writer().println(text);
        console.writer().flush();
        return true;
    }
}
