package io.qsctl.cli.grid;

import io.qsctl.common.Sizes;
import io.qsctl.provider.Node;
import java.io.PrintWriter;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/** Nodes as a text table for people: the columns someone choosing where to store looks at. */
public final class NodeTable {

    private static final String[] HEADERS = {"ID", "FARM", "COUNTRY", "CITY", "STATUS", "FREE HDD", "TOTAL HDD", "UPTIME",
        "PRICE/MONTH"};

    private NodeTable() {
    }

    public static void print(PrintWriter out, List<Node> nodes) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADERS);
        for (Node n : nodes) {
            rows.add(new String[] {Long.toString(n.id().value()), n.farmName(), n.country(), n.city(), n.status().id(),
                Sizes.wholeOrOneDecimal(n.freeHru()), Sizes.wholeOrOneDecimal(n.total().hru()), uptime(n.uptimeSeconds()),
                "$" + n.priceUsd().setScale(2, RoundingMode.HALF_UP).toPlainString()});
        }
        int[] widths = new int[HEADERS.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                boolean numeric = i == 0 || i == 5 || i == 6 || i == 8;
                String cell = numeric ? pad(row[i], widths[i], true) : pad(row[i], widths[i], false);
                line.append(cell);
                if (i < row.length - 1) {
                    line.append("  ");
                }
            }
            out.println(line.toString().stripTrailing());
        }
        out.flush();
    }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(width - s.length());
        return right ? fill + s : s + fill;
    }

    /** {@code 41d 3h}, {@code 5h 12m}, {@code 40m}. */
    public static String uptime(long seconds) {
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3600;
        long minutes = seconds % 3600 / 60;
        if (days > 0) {
            return days + "d " + hours + "h";
        }
        if (hours > 0) {
            return hours + "h " + minutes + "m";
        }
        return minutes + "m";
    }
}
