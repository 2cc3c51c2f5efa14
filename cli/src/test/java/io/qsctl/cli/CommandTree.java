package io.qsctl.cli;

import io.qsctl.cli.cluster.ClusterOptions;
import io.qsctl.cli.context.CliContext;
import java.io.InputStream;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine;

/**
 * qsctl's commands as a user types them, walked from the picocli tree: every leaf command, with a
 * leading KIND parameter (an enum) spelled out ({@code get backends},
 * {@code get nodes}, ...). Named by their words joined by '-' ({@code get-backends},
 * {@code force-unlock}), as the files of docs/output/commands are; {@link Leaf#words()} are what a
 * user types after {@code qsctl}.
 */
final class CommandTree {

    /** One command a user can run. */
    record Leaf(String name, String words, CommandSpec spec) {

        boolean acceptsOutputOption() {
            return spec.findOption("--output") != null;
        }

        /** Whether it works on one cluster given by {@code -f storage.yaml} (the cluster options). */
        boolean takesACluster() {
            return spec.mixins().values().stream().anyMatch(m -> m.userObject() instanceof ClusterOptions);
        }
    }

    private CommandTree() {
    }

    static Map<String, Leaf> leaves() {
        CommandLine root = Cli.commandLine(new CliContext(Map.of(), InputStream.nullInputStream(), false));
        Map<String, Leaf> all = new TreeMap<>();
        collect(root, all);
        return all;
    }

    private static void collect(CommandLine command, Map<String, Leaf> into) {
        if (!command.getSubcommands().isEmpty()) {
            command.getSubcommands().values().forEach(sub -> collect(sub, into));
            return;
        }
        CommandSpec spec = command.getCommandSpec();
        String words = spec.qualifiedName(" ").replaceFirst("^qsctl ", "");
        String name = words.replace(' ', '-');
        PositionalParamSpec first = spec.positionalParameters().isEmpty() ? null : spec.positionalParameters().get(0);
        if (first != null && first.paramLabel().equals("KIND") && first.type().isEnum()) {
            for (Object kind : first.type().getEnumConstants()) {
                into.put(name + "-" + kind, new Leaf(name + "-" + kind, words + " " + kind, spec));
            }
        } else {
            into.put(name, new Leaf(name, words, spec));
        }
    }
}
