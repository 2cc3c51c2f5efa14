package io.qsctl.cli.help;

import java.util.List;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.TextTable;

/**
 * picocli's table for help text, with its wrapping columns broken by {@link WordWrap}: a value
 * too long for its column is cut at spaces only, into pieces that each fit, so picocli never has
 * to break one (and never cuts a path). Continuation lines are indented as picocli does, and
 * further under the text of an indented {@code "  KEY    text"} line.
 */
final class WordWrapTable extends TextTable {

    WordWrapTable(ColorScheme colorScheme, Column... columns) {
        super(colorScheme, columns);
    }

    @Override
    public Cell putValue(int row, int col, Text value) {
        Column column = columns()[col]; // the same Column objects as the table's: indent can be moved
        if (column.overflow != Column.Overflow.WRAP || value == null) {
            return super.putValue(row, col, value);
        }
        String plain = value.plainString();
        int first = column.width - column.indent;
        if (plain.length() <= first) {
            return super.putValue(row, col, value);
        }
        int hanging = indentWrappedLines + WordWrap.hangingIndent(plain);
        List<WordWrap.Span> lines = WordWrap.lines(plain, first, first - hanging);
        int indent = column.indent;
        Cell last = null;
        int at = row;
        for (int i = 0; i < lines.size(); i++) {
            if (i > 0) {
                addEmptyRow();
                at = rowCount() - 1;
                column.indent = indent + hanging;
            }
            try {
                last = super.putValue(at, col, value.substring(lines.get(i).start(), lines.get(i).end()));
            } finally {
                column.indent = indent;
            }
        }
        return last;
    }
}
