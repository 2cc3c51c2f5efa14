package io.qsctl.zdb.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What NSINFO says about a namespace. 0-db answers with {@code key: value} lines under a
 * {@code # namespace} heading, and the set of keys has grown across releases, so every field is
 * kept in {@link #fields()} and the typed accessors are empty when a server does not send a key.
 *
 * @param fields every {@code key: value} line, in the server's order
 */
public record NamespaceInfo(Map<String, String> fields) {

    public NamespaceInfo {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** Reads the text of an NSINFO reply; lines that are not {@code key: value} are skipped. */
    public static NamespaceInfo parse(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int colon = trimmed.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            fields.put(trimmed.substring(0, colon).strip(), trimmed.substring(colon + 1).strip());
        }
        return new NamespaceInfo(fields);
    }

    public Optional<String> field(String key) {
        return Optional.ofNullable(fields.get(key));
    }

    /** A numeric field; empty if absent or not a plain decimal number. */
    public OptionalLong longField(String key) {
        String value = fields.get(key);
        if (value == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** A yes/no field; empty if absent or neither. */
    public Optional<Boolean> flag(String key) {
        String value = fields.get(key);
        if ("yes".equals(value)) {
            return Optional.of(true);
        }
        if ("no".equals(value)) {
            return Optional.of(false);
        }
        return Optional.empty();
    }

    public Optional<String> name() {
        return field("name");
    }

    public OptionalLong entries() {
        return longField("entries");
    }

    public Optional<Boolean> isPublic() {
        return flag("public");
    }

    public Optional<Boolean> worm() {
        return flag("worm");
    }

    public Optional<Boolean> locked() {
        return flag("locked");
    }

    /** Whether the namespace has a password (the password itself is never shown to normal clients). */
    public Optional<Boolean> passwordProtected() {
        return flag("password");
    }

    public OptionalLong dataSizeBytes() {
        return longField("data_size_bytes");
    }

    /** Size limit in bytes; 0 means unlimited. */
    public OptionalLong dataLimitBytes() {
        return longField("data_limits_bytes");
    }

    public OptionalLong indexSizeBytes() {
        return longField("index_size_bytes");
    }

    /** {@code userkey} or {@code sequential} as 0-db names them. */
    public Optional<String> mode() {
        return field("mode");
    }
}
