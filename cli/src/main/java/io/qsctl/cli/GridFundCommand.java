package io.qsctl.cli;

import io.qsctl.cli.context.VersionProvider;
import io.qsctl.cli.grid.Balances;
import io.qsctl.common.ExitCode;
import io.qsctl.provider.Tft;
import io.qsctl.provider.TwinId;
import io.qsctl.provider.local.GridAdmin;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code qsctl grid fund TWIN AMOUNT}: the embedded grid's faucet. */
@Command(name = "fund", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Transfer TFT to a twin's account (the embedded grid's faucet). Contracts in grace are paid "
                + "from it, oldest first, and unlocked.")
final class GridFundCommand implements Callable<Integer> {

    @ParentCommand
    GridCommand grid;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TWIN", description = "The twin id.")
    long twin;

    @Parameters(index = "1", paramLabel = "AMOUNT", description = "TFT, at most 7 decimals (e.g. 100 or 2.5).")
    String amount;

    @Override
    public Integer call() {
        Tft value = Balances.amount(spec, amount);
        TwinId account = Balances.twin(spec, twin);
        Tft free;
        try (GridAdmin admin = GridAdmin.connect(grid.ensureRunning(), grid.home())) {
            free = admin.fund(account, value);
        }
        Balances.print(spec.commandLine().getOut(), grid.root.global().output(), new TwinId(twin), free);
        return ExitCode.OK.code();
    }
}
