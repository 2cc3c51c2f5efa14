package io.qsctl.cli.output;

/**
 * What read commands print on stdout: text for people, JSON or YAML for scripts. {@code wide} is
 * text with more columns, for the listing commands (elsewhere it is plain text).
 */
public enum OutputFormat {
    TEXT, JSON, YAML, WIDE
}
