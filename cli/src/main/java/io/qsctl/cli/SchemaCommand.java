package io.qsctl.cli;

import io.qsctl.cli.output.Documents;
import io.qsctl.cli.output.OutputFormat;
import io.qsctl.spec.SpecSchema;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import tools.jackson.databind.json.JsonMapper;

/** Prints the JSON Schema of storage.yaml, for editors and for validation in other tools. */
@Command(name = "schema",
        header = "Print the JSON Schema (draft 2020-12) of storage.yaml on stdout.",
        description = {
            "-o yaml prints the same schema as YAML. Point your editor's YAML language server at it, e.g. with this "
                    + "first line:",
            "  # yaml-language-server: $schema=./storage-cluster.schema.json"
        })
final class SchemaCommand extends QsctlSubcommand {

    @Override
    public Integer call() {
        PrintWriter out = out();
        if (global().output() == OutputFormat.YAML) {
            Documents.print(out, OutputFormat.YAML, JsonMapper.shared().readTree(SpecSchema.text()));
        } else {
            // text and json: the file as shipped, byte for byte (it is JSON)
            out.print(SpecSchema.text());
            out.flush();
        }
        return 0;
    }
}
