package io.qsctl.cli;

import io.qsctl.spec.SpecSchema;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Prints the JSON Schema of storage.yaml, for editors and for validation in other tools. */
@Command(name = "schema",
        header = "Print the JSON Schema (draft 2020-12) of storage.yaml on stdout.",
        description = {
            "Point your editor's YAML language server at it, e.g. with this first line:",
            "  # yaml-language-server: $schema=./storage-cluster.schema.json"
        })
final class SchemaCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(SpecSchema.text());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
