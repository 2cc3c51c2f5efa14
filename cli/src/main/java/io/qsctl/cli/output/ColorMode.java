package io.qsctl.cli.output;

import java.util.Map;

/** When to colour output. */
public enum ColorMode {
    AUTO, ALWAYS, NEVER;

    /**
     * Whether to colour for this process: never when asked not to, when {@code NO_COLOR} is set
     * (https://no-color.org), when stdout is not a terminal, or when {@code TERM=dumb}.
     */
    public boolean enabled(Map<String, String> env, boolean interactive) {
        return switch (this) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> interactive
                    && !env.containsKey("NO_COLOR")
                    && !"dumb".equals(env.get("TERM"));
        };
    }
}
