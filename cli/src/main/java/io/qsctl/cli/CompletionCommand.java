package io.qsctl.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Prints a shell completion script. */
@Command(name = "completion",
        header = "Print a completion script for bash or zsh on stdout.",
        description = {
            "  bash:  source <(qsctl completion bash)",
            "  zsh:   autoload -U +X compinit && compinit; autoload -U +X bashcompinit && bashcompinit; "
                    + "source <(qsctl completion zsh)"
        })
final class CompletionCommand implements Callable<Integer> {

    enum Shell { bash, zsh }

    @Parameters(paramLabel = "SHELL", description = "${COMPLETION-CANDIDATES}")
    Shell shell;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        // picocli's script serves both: zsh runs it through bashcompinit.
        spec.commandLine().getOut().print(AutoComplete.bash("qsctl", spec.root().commandLine()));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
