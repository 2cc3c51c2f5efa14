package io.qsctl.cli.help;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * qsctl's help pages: picocli's layout and sections, with every wrapped text (description,
 * header, footer, the option and parameter lists, the command list, exit codes) laid out by
 * {@link WordWrapTable}. Descriptions are written as paragraphs, one array element each, and are
 * wrapped here at the usage width ({@link HelpWidth}). A command list shows each command's
 * {@code header}, its one-sentence summary.
 */
public final class WrappingHelp extends Help {

    private static final int KEY_GAP = 3;
    /** A full stop that ends a sentence: followed by a space and a capital, not "e.g. 30s". */
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?](?=\\s+[A-Z`])");
    private static final int LIST_INDENT = 2;

    public WrappingHelp(CommandSpec command, ColorScheme colorScheme) {
        super(command, colorScheme);
    }

    /** The description, set apart from the usage above and the lists below by a blank line each. */
    @Override
    public String description(Object... params) {
        String text = paragraphs(commandSpec().usageMessage().description(), params);
        return text.isEmpty() ? text : text + System.lineSeparator();
    }

    @Override
    public String descriptionHeading(Object... params) {
        String heading = super.descriptionHeading(params);
        return description().isEmpty() || !heading.isEmpty() ? heading : System.lineSeparator();
    }

    @Override
    public String header(Object... params) {
        return paragraphs(commandSpec().usageMessage().header(), params);
    }

    @Override
    public String footer(Object... params) {
        return paragraphs(commandSpec().usageMessage().footer(), params);
    }

    /** The command list set apart from the options above it. */
    @Override
    public String commandListHeading(Object... params) {
        String heading = super.commandListHeading(params);
        return heading.isEmpty() ? heading : System.lineSeparator() + heading;
    }

    @Override
    public Layout createDefaultLayout(List<OptionSpec> options, List<PositionalParamSpec> positionals,
                                      ColorScheme scheme) {
        // picocli's own columns (their widths depend on the longest option), wrapped by word.
        TextTable columns = TextTable.forDefaultColumns(scheme, calcLongOptionColumnWidth(options, positionals, scheme),
                width());
        return new Layout(scheme, new WordWrapTable(scheme, columns.columns()), createDefaultOptionRenderer(),
                createDefaultParameterRenderer());
    }

    @Override
    public String commandList(Map<String, Help> subcommands) {
        if (subcommands.isEmpty()) {
            return "";
        }
        int names = Math.min(longest(subcommands.keySet()), width() / 2) + LIST_INDENT;
        TextTable table = twoColumns(names);
        for (Help help : subcommands.values()) {
            Ansi.Text[] lines = colorScheme().text(format(summary(help.commandSpec().usageMessage()))).splitLines();
            for (int i = 0; i < lines.length; i++) {
                table.addRowValues(i == 0 ? help.commandNamesText(", ") : colorScheme().text(""), lines[i]);
            }
        }
        return table.toString();
    }

    @Override
    public TextTable createTextTable(Map<?, ?> map) {
        int keys = map == null ? 0 : Math.min(longest(map.keySet()), width() - KEY_GAP - 1);
        TextTable table = twoColumns(keys + KEY_GAP);
        if (map != null) {
            map.forEach((key, value) -> table.addRowValues(format(String.valueOf(key)), format(String.valueOf(value))));
        }
        return table;
    }

    /**
     * What a command list says of a command, one sentence: its header, else the first sentence of
     * its description (never a line of it cut short).
     */
    public static String summary(UsageMessageSpec usage) {
        if (usage.header().length > 0) {
            return usage.header()[0];
        }
        if (usage.description().length == 0) {
            return "";
        }
        Matcher end = SENTENCE_END.matcher(usage.description()[0]);
        return end.find() ? usage.description()[0].substring(0, end.start() + 1) : usage.description()[0];
    }

    private TextTable twoColumns(int keyWidth) {
        return new WordWrapTable(colorScheme(), new Column(keyWidth, LIST_INDENT, Column.Overflow.SPAN),
                new Column(width() - keyWidth, LIST_INDENT, Column.Overflow.WRAP));
    }

    /** One element a paragraph (or an indented line kept as it is), trailing blank ones dropped: spacing is ours. */
    private String paragraphs(String[] values, Object... params) {
        int last = values == null ? 0 : values.length;
        while (last > 0 && values[last - 1].isBlank()) {
            last--;
        }
        if (last == 0) {
            return "";
        }
        WordWrapTable table = new WordWrapTable(colorScheme(), new Column(width(), 0, Column.Overflow.WRAP));
        table.indentWrappedLines = 0;
        for (int i = 0; i < last; i++) {
            table.addRowValues(format(values[i], params));
        }
        return table.toString();
    }

    private int width() {
        return commandSpec().usageMessage().width();
    }

    private static int longest(java.util.Collection<?> values) {
        return values.stream().mapToInt(v -> String.valueOf(v).length()).max().orElse(0);
    }

    /** As picocli formats help text: {@code %n} and format arguments. */
    private static String format(String text, Object... params) {
        return text == null ? "" : String.format(text, params);
    }
}
