package io.qsctl.cli;

import io.qsctl.cli.context.VersionProvider;
import io.qsctl.cli.grid.Balances;
import io.qsctl.common.ExitCode;
import io.qsctl.provider.Tft;
import io.qsctl.provider.TwinId;
import io.qsctl.provider.local.GridAdmin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code qsctl grid fund TWIN AMOUNT}: the embedded grid's faucet. */
@Command(name = "fund", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Transfer TFT to a twin's account (the embedded grid's faucet). Contracts in grace are paid "
                + "from it, oldest first, and unlocked.")
final class GridFundCommand extends QsctlSubcommand {

    @ParentCommand
    GridCommand grid;

    @Parameters(index = "0", paramLabel = "TWIN", description = "The twin id.")
    long twin;

    @Parameters(index = "1", paramLabel = "AMOUNT", description = "TFT, at most 7 decimals (e.g. 100 or 2.5).")
    String amount;

    @Override
    public Integer call() {
        Tft value = Balances.amount(spec, amount);
        TwinId account = Balances.twin(spec, twin);
        Tft free;
        try (GridAdmin admin = grid.admin()) {
            free = admin.fund(account, value);
        }
        Balances.print(out(), global().output(), new TwinId(twin), free);
        return ExitCode.OK.code();
    }
}
