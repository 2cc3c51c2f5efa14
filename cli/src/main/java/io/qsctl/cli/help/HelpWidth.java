package io.qsctl.cli.help;

import java.util.Map;
import java.util.OptionalInt;
import picocli.CommandLine;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * How wide help is: {@code COLUMNS} when it is set (as {@code ls} and {@code man} honour it: a
 * pager, a script, a test), else the terminal's width (picocli asks {@code stty} when help is
 * shown on a terminal), else picocli's 80. Never narrower than picocli's minimum, 55.
 */
public final class HelpWidth {

    /** picocli refuses narrower usage widths. */
    static final int MINIMUM = 55;

    private HelpWidth() {
    }

    /** Sets the width of every command of {@code root}'s tree. */
    public static void apply(CommandLine root, Map<String, String> env) {
        OptionalInt columns = columns(env);
        forEach(root, command -> {
            UsageMessageSpec usage = command.getCommandSpec().usageMessage();
            if (columns.isPresent()) {
                usage.autoWidth(false);
                usage.width(Math.max(MINIMUM, columns.getAsInt()));
            } else {
                usage.autoWidth(true);
            }
        });
    }

    private static OptionalInt columns(Map<String, String> env) {
        String value = env.get("COLUMNS");
        if (value == null || !value.trim().matches("[0-9]{1,6}")) {
            return OptionalInt.empty();
        }
        int columns = Integer.parseInt(value.trim());
        return columns > 0 ? OptionalInt.of(columns) : OptionalInt.empty();
    }

    private static void forEach(CommandLine command, java.util.function.Consumer<CommandLine> action) {
        action.accept(command);
        command.getSubcommands().values().forEach(sub -> forEach(sub, action));
    }
}
