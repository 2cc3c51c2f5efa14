package io.qsctl.cli.output;

import java.io.PrintWriter;
import org.yaml.snakeyaml.DumperOptions;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prints what {@code -o json|yaml} asks for, in the two shapes docs/cli.md ("Machine-readable
 * output") promises: a read command prints one {@link #print document} (JSON pretty-printed, or
 * one YAML document); a command that reports as it goes prints a stream of {@link #event events}
 * (one compact JSON object per line, or one YAML document per event, each after {@code ---}), so
 * a script can act on each line as it comes.
 */
public final class Documents {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter().withSeparators(
            Separators.createDefaultInstance().withObjectNameValueSpacing(Separators.Spacing.AFTER)
                    .withArrayEmptySeparator("").withObjectEmptySeparator(""));

    private Documents() {
    }

    /** Whether {@code format} is one of the machine formats (json, yaml). */
    public static boolean machine(OutputFormat format) {
        return format == OutputFormat.JSON || format == OutputFormat.YAML;
    }

    /** The one document of a read command. */
    public static void print(PrintWriter out, OutputFormat format, JsonNode document) {
        switch (format) {
            case JSON -> out.println(JSON.writer().with(PRETTY).writeValueAsString(document));
            case YAML -> out.print(yaml(document));
            case TEXT, WIDE -> throw new IllegalArgumentException("text output is written by each command");
        }
        out.flush();
    }

    /** One event of a stream, flushed at once so a reader sees it when it happens. */
    public static void event(PrintWriter out, OutputFormat format, JsonNode event) {
        switch (format) {
            case JSON -> out.println(JSON.writeValueAsString(event));
            case YAML -> out.print("---\n" + yaml(event));
            case TEXT, WIDE -> throw new IllegalArgumentException("text output is written by each command");
        }
        out.flush();
    }

    static String yaml(JsonNode document) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(0);
        options.setSplitLines(false);
        Object plain = JsonMapper.shared().treeToValue(document, Object.class);
        return new Yaml(options).dump(plain);
    }
}
