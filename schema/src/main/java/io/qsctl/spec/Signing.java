package io.qsctl.spec;

import java.util.Locale;

/** Who signs reservations: the identity on this machine, or the user's phone through ThreeFold Connect. */
public enum Signing {
    LOCAL, CONNECT;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Signing fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
