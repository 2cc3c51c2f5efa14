package io.qsctl.cli.help;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a line of help text is broken: only at spaces. Java's line breaker (which picocli uses)
 * also breaks after a '.' or ':' followed by a letter or digit, which cuts paths and names
 * ({@code ~/.} then {@code local/state/qsctl}, {@code docs/cli.} then {@code md}); here a word is
 * never cut, so anything written without spaces stays whole on one line.
 */
public final class WordWrap {

    private WordWrap() {
    }

    /** A line of the result: {@code text.substring(start, end)}, without the spaces it was broken at. */
    public record Span(int start, int end) {
    }

    /**
     * Breaks {@code text} into lines of at most {@code firstWidth} characters for the first and
     * {@code nextWidth} for the others, filling each as far as whole words allow. The first line
     * keeps its leading spaces (an indentation); a word longer than the width gets a line of its
     * own, as long as it is.
     */
    public static List<Span> lines(String text, int firstWidth, int nextWidth) {
        List<Span> lines = new ArrayList<>();
        int start = 0;
        int width = Math.max(1, firstWidth);
        int wordsFrom = leadingSpaces(text);
        while (start < text.length()) {
            if (text.length() - start <= width) {
                lines.add(new Span(start, text.length()));
                break;
            }
            int cut = lastSpaceBefore(text, Math.max(start, wordsFrom), start + width);
            if (cut < 0) {
                cut = text.indexOf(' ', Math.max(start, wordsFrom) + 1);
                if (cut < 0) {
                    lines.add(new Span(start, text.length()));
                    break;
                }
            }
            lines.add(new Span(start, trimEnd(text, start, cut)));
            start = skipSpaces(text, cut);
            width = Math.max(1, nextWidth);
        }
        return lines;
    }

    /**
     * How far the lines after the first are indented to stay under their first line's text: for
     * an indented {@code "  KEY    text"} line, the column of {@code text}; for another indented
     * line its indentation; for prose, nothing.
     */
    public static int hangingIndent(String text) {
        int lead = leadingSpaces(text);
        if (lead == 0) {
            return 0;
        }
        int gap = text.indexOf("  ", lead);
        if (gap < 0) {
            return lead;
        }
        int column = skipSpaces(text, gap);
        return column < text.length() ? column : lead;
    }

    private static int lastSpaceBefore(String text, int from, int limit) {
        for (int i = Math.min(limit, text.length() - 1); i > from; i--) {
            if (text.charAt(i) == ' ') {
                return i;
            }
        }
        return -1;
    }

    private static int leadingSpaces(String text) {
        return skipSpaces(text, 0);
    }

    private static int skipSpaces(String text, int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static int trimEnd(String text, int start, int end) {
        int e = end;
        while (e > start && text.charAt(e - 1) == ' ') {
            e--;
        }
        return e;
    }
}
