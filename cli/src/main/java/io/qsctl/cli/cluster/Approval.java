package io.qsctl.cli.cluster;

import io.qsctl.cli.Terminal;
import io.qsctl.common.QsctlException;
import io.qsctl.spec.Network;
import java.io.PrintWriter;
import java.util.Optional;

/**
 * Who approves a plan. A saved plan file is its own approval; {@code --auto-approve} approves;
 * on a terminal the user types "yes". Without a terminal nobody can be asked, and apply fails
 * rather than assume, except on the embedded grid, where nothing costs real money.
 */
public final class Approval {

    private Approval() {
    }

    public static void require(String question, boolean autoApprove, boolean savedPlan, Network network, Terminal terminal,
                               PrintWriter err) {
        if (autoApprove || savedPlan) {
            return;
        }
        Optional<Boolean> answer = terminal.confirm(question);
        if (answer.isPresent()) {
            if (!answer.get()) {
                throw QsctlException.invalidInput("not approved: nothing was changed");
            }
            return;
        }
        if (network == Network.LOCAL) {
            err.println("Approved without asking: there is no terminal, and on the embedded grid nothing costs real money.");
            err.flush();
            return;
        }
        throw QsctlException.invalidInput("approval required and there is no terminal to ask: run with --auto-approve, "
                + "or save a plan with `qsctl plan --out FILE` and apply that file");
    }
}
