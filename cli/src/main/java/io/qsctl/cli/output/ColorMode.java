package io.qsctl.cli.output;

import java.util.Map;

/** When to colour output. */
public enum ColorMode {
    AUTO, ALWAYS, NEVER;

    /**
     * Whether to colour for this process: never when asked not to, when {@code NO_COLOR} is set
     * and not empty (https://no-color.org), when stdout is not a terminal, or when
     * {@code TERM=dumb}. An explicit {@code always} wins over {@code NO_COLOR}, as no-color.org
     * asks of per-invocation options.
     */
    public boolean enabled(Map<String, String> env, boolean interactive) {
        return switch (this) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> interactive
                    && env.getOrDefault("NO_COLOR", "").isEmpty()
                    && !"dumb".equals(env.get("TERM"));
        };
    }
}
