package io.qsctl.cli;

import io.qsctl.cli.context.VersionProvider;
import io.qsctl.cli.grid.Balances;
import io.qsctl.common.ExitCode;
import io.qsctl.provider.Tft;
import io.qsctl.provider.TwinId;
import io.qsctl.provider.local.GridAdmin;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code qsctl grid drain TWIN [AMOUNT]}: the empty wallet, on purpose. */
@Command(name = "drain", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Take TFT out of a twin's account (all of it without AMOUNT), so its contracts run dry at the "
                + "next billing hour and go into grace.")
final class GridDrainCommand extends QsctlSubcommand {

    @ParentCommand
    GridCommand grid;

    @Parameters(index = "0", paramLabel = "TWIN", description = "The twin id.")
    long twin;

    @Parameters(index = "1", paramLabel = "AMOUNT", arity = "0..1", description = "TFT to take; everything if absent.")
    String amount;

    @Override
    public Integer call() {
        Optional<Tft> value = Optional.ofNullable(amount).map(a -> Balances.amount(spec, a));
        TwinId account = Balances.twin(spec, twin);
        Tft free;
        try (GridAdmin admin = grid.admin()) {
            free = admin.drain(account, value);
        }
        Balances.print(out(), global().output(), new TwinId(twin), free);
        return ExitCode.OK.code();
    }
}
