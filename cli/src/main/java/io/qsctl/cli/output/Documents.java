package io.qsctl.cli.output;

import java.io.PrintWriter;
import org.yaml.snakeyaml.DumperOptions;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Prints a document as JSON or YAML, the two machine formats of {@code -o}. */
public final class Documents {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter().withSeparators(
            Separators.createDefaultInstance().withObjectNameValueSpacing(Separators.Spacing.AFTER)
                    .withArrayEmptySeparator("").withObjectEmptySeparator(""));

    private Documents() {
    }

    public static void print(PrintWriter out, OutputFormat format, JsonNode document) {
        switch (format) {
            case JSON -> out.println(JSON.writer().with(PRETTY).writeValueAsString(document));
            case YAML -> out.print(yaml(document));
            case TEXT -> throw new IllegalArgumentException("text output is written by each command");
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
