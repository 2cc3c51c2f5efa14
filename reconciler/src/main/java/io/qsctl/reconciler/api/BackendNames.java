package io.qsctl.reconciler.api;

import io.qsctl.provider.BackendRole;
import java.util.Locale;

/**
 * Backend names: {@code data-00}, {@code data-01}, ... and {@code meta-0}, {@code meta-1}, ....
 * A name is the backend's identity across replacements (a replacement keeps the name and gets a
 * new node), and its index orders deletions (highest first) and state listings (numerically:
 * {@code data-100} after {@code data-99}).
 */
public final class BackendNames {

    private BackendNames() {
    }

    public static String of(BackendRole role, int index) {
        return role == BackendRole.DATA
                ? String.format(Locale.ROOT, "data-%02d", index)
                : "meta-" + index;
    }

    public static int index(String name) {
        int dash = name.lastIndexOf('-');
        if (dash < 0) {
            throw new IllegalArgumentException("not a backend name: " + name);
        }
        return Integer.parseInt(name.substring(dash + 1));
    }

    public static BackendRole role(String name) {
        if (name.startsWith("data-")) {
            return BackendRole.DATA;
        }
        if (name.startsWith("meta-")) {
            return BackendRole.METADATA;
        }
        throw new IllegalArgumentException("not a backend name: " + name);
    }

    /** Whether {@code name} is a backend name at all (for user input such as {@code replace backend NAME}). */
    public static boolean valid(String name) {
        return name.matches("data-[0-9]{2,}|meta-[0-9]+");
    }
}
