package io.qsctl.zstor.meta;

import java.util.regex.Pattern;

/**
 * Record ids: 1 to 200 characters of {@code [A-Za-z0-9._-]}, not starting with a dot. The
 * segment store uses random hex, so an id says nothing about what it describes; the rule keeps
 * ids usable as 0-db keys (with the {@code m:} prefix and slot suffix, under 0-db's 255-byte key
 * limit) and as local file names.
 */
final class MetaIds {

    static final int MAX_LENGTH = 200;
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0," + (MAX_LENGTH - 1) + "}");

    private MetaIds() {
    }

    static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches();
    }

    static String check(String id) {
        if (!isValid(id)) {
            throw new IllegalArgumentException("a metadata record id has 1 to " + MAX_LENGTH
                    + " characters of [A-Za-z0-9._-] and does not start with a dot: "
                    + (id == null ? "null" : "'" + (id.length() > 40 ? id.substring(0, 40) + "..." : id) + "'"));
        }
        return id;
    }
}
