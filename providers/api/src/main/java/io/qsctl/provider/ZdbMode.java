package io.qsctl.provider;

import java.util.Locale;

/** The mode of a zdb namespace, as the zdb workload names it. */
public enum ZdbMode {
    USER, SEQ;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ZdbMode fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
