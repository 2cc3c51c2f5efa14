package io.qsctl.reconciler.api;

import io.qsctl.common.ExitCode;
import io.qsctl.common.QsctlException;
import java.util.List;

/**
 * An apply (or destroy) stopped part-way: exit code 3. Everything done before is kept and saved
 * in the state, the journal marks the failed action, and running the same command with
 * {@code --resume} continues. The message names the backend, what went wrong, what to do, and the
 * exact command to resume; the fields give the same to a renderer.
 */
public final class PartialApplyException extends QsctlException {

    private final String backend;
    private final transient Action failed;
    private final transient List<Action> done;
    private final transient List<Action> notStarted;
    private final String resumeCommand;

    public PartialApplyException(Action failed, String reason, String advice, List<Action> done, List<Action> notStarted,
                          String resumeCommand, Throwable cause) {
        super(ExitCode.PARTIAL, message(failed, reason, advice, done, notStarted, resumeCommand), cause);
        this.backend = failed.backend();
        this.failed = failed;
        this.done = List.copyOf(done);
        this.notStarted = List.copyOf(notStarted);
        this.resumeCommand = resumeCommand;
    }

    private static String message(Action failed, String reason, String advice, List<Action> done,
                                  List<Action> notStarted, String resumeCommand) {
        int total = done.size() + 1 + notStarted.size();
        return "apply stopped at " + failed.backend() + " (" + failed.type() + "): " + reason + "\n"
                + done.size() + " of " + total + " actions are done and saved in the state; " + notStarted.size()
                + " not started.\n"
                + advice + "\n"
                + "Resume with: " + resumeCommand;
    }

    /** The backend whose action failed. */
    public String backend() {
        return backend;
    }

    public Action failed() {
        return failed;
    }

    public List<Action> done() {
        return done;
    }

    public List<Action> notStarted() {
        return notStarted;
    }

    public String resumeCommand() {
        return resumeCommand;
    }
}
