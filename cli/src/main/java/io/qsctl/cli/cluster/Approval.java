package io.qsctl.cli.cluster;

import io.qsctl.cli.context.Terminal;
import io.qsctl.common.QsctlException;
import java.util.Optional;

/**
 * Who approves a plan. A saved plan file is its own approval; {@code --auto-approve} approves;
 * on a terminal the user types "yes". Without a terminal nobody can be asked and the command
 * fails rather than assume, on every network: a script written against the embedded grid runs
 * unchanged against the real one, where approving without a word would spend real money.
 */
public final class Approval {

    private Approval() {
    }

    /**
     * @param approveCommand the command line that approves by itself, for the refusal when nobody
     *     can be asked (e.g. {@code qsctl apply -f storage.yaml --auto-approve})
     * @param savePlanCommand the command line that saves this plan for review, for the same refusal
     */
    public static void require(String question, boolean autoApprove, boolean savedPlan, Terminal terminal,
                               String approveCommand, String savePlanCommand) {
        if (autoApprove || savedPlan) {
            return;
        }
        Optional<Boolean> answer = terminal.confirm(question);
        if (answer.isEmpty()) {
            throw QsctlException.invalidInput("approval required and there is no terminal to ask, so nothing was changed."
                    + " To perform the actions shown, run `" + approveCommand + "`; or save them with `" + savePlanCommand
                    + "` and apply that file");
        }
        if (!answer.get()) {
            throw QsctlException.invalidInput("not approved: nothing was changed");
        }
    }
}
