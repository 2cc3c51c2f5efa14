package io.qsctl.spec;

import java.util.Locale;

/** The grid a cluster lives on. {@link #LOCAL} is the embedded grid on this machine. */
public enum Network {
    LOCAL, DEV, QA, TEST, MAIN;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Network fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
