package io.qsctl.provider;

import java.util.Locale;

/** A node's status as the grid proxy derives it from its last report. */
public enum NodeStatus {
    UP, DOWN, STANDBY;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static NodeStatus fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
