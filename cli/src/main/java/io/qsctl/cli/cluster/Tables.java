package io.qsctl.cli.cluster;

import java.io.PrintWriter;
import java.util.List;

/** Plain aligned columns, kubectl style: no borders, two spaces between columns. */
public final class Tables {

    private Tables() {
    }

    public static void print(PrintWriter out, List<String> header, List<List<String>> rows) {
        int[] widths = new int[header.size()];
        for (int i = 0; i < header.size(); i++) {
            widths[i] = header.get(i).length();
        }
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        line(out, header, widths);
        for (List<String> row : rows) {
            line(out, row, widths);
        }
    }

    private static void line(PrintWriter out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            line.append(cells.get(i));
            if (i < cells.size() - 1) {
                line.append(" ".repeat(widths[i] - cells.get(i).length() + 2));
            }
        }
        out.println(line.toString().stripTrailing());
    }

    /** Sizes in the largest binary unit that keeps them readable: 12GiB, 1.5TiB. */
    public static String size(long bytes) {
        return io.qsctl.spec.ByteSize.ofBytes(bytes).toHumanString();
    }
}
