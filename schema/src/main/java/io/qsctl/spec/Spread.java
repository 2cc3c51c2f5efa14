package io.qsctl.spec;

import java.util.Locale;

/** The failure domain backends are spread over as evenly as the candidate nodes allow. */
public enum Spread {
    FARM, COUNTRY, NONE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Spread fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
