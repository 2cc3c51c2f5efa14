package io.qsctl.cli.output;

/** ANSI styling that disappears when colour is off. */
public final class Style {

    private static final String RESET = "\u001b[0m";
    private final boolean color;

    public Style(boolean color) {
        this.color = color;
    }

    public boolean color() {
        return color;
    }

    public String red(String text) {
        return wrap("\u001b[31m", text);
    }

    public String green(String text) {
        return wrap("\u001b[32m", text);
    }

    public String yellow(String text) {
        return wrap("\u001b[33m", text);
    }

    public String bold(String text) {
        return wrap("\u001b[1m", text);
    }

    public String dim(String text) {
        return wrap("\u001b[2m", text);
    }

    private String wrap(String code, String text) {
        return color ? code + text + RESET : text;
    }
}
