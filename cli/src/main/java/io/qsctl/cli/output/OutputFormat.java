package io.qsctl.cli.output;

/** What read commands print on stdout: text for people, JSON or YAML for scripts. */
public enum OutputFormat {
    TEXT, JSON, YAML
}
