package io.qsctl.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Prints a shell completion script. */
@Command(name = "completion",
        header = "Print a completion script for bash or zsh on stdout.",
        description = {
            "  bash:  source <(qsctl completion bash)",
            "  zsh:   autoload -U +X compinit && compinit; autoload -U +X bashcompinit && bashcompinit; "
                    + "source <(qsctl completion zsh)"
        })
final class CompletionCommand extends QsctlSubcommand {

    enum Shell { bash, zsh }

    @Parameters(paramLabel = "SHELL", description = "${COMPLETION-CANDIDATES}")
    Shell shell;

    @Override
    public Integer call() {
        // picocli's script serves both: zsh runs it through bashcompinit.
        out().print(AutoComplete.bash("qsctl", spec.root().commandLine()));
        out().flush();
        return 0;
    }
}
