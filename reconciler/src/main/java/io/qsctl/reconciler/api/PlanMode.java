package io.qsctl.reconciler.api;

import java.util.Locale;

/** What a plan is for: converging to the spec, destroying everything, or only looking (drift). */
public enum PlanMode {
    APPLY, DESTROY, REFRESH_ONLY;

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static PlanMode fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
