package io.qsctl.reconciler.api;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/**
 * How to plan: backends to replace even though nothing is wrong with them
 * ({@code qsctl apply --replace data-03}, {@code qsctl replace backend data-03}), and whether to
 * only refresh (report drift, plan no action: {@code plan --refresh-only}).
 */
public record PlanOptions(Set<String> replace, boolean refreshOnly) {

    public PlanOptions {
        replace = Set.copyOf(replace);
    }

    public static PlanOptions defaults() {
        return new PlanOptions(Set.of(), false);
    }

    public PlanOptions replacing(String... backends) {
        Set<String> next = new TreeSet<>(replace);
        next.addAll(Arrays.asList(backends));
        return new PlanOptions(next, refreshOnly);
    }

    public PlanOptions refreshOnly(boolean value) {
        return new PlanOptions(replace, value);
    }
}
