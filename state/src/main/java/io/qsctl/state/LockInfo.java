package io.qsctl.state;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Who holds a state lock, as written to {@code state.lock.info} beside it.
 *
 * @param id a random id, the nonce {@code force-unlock} must name
 * @param operation what the holder is doing ({@code apply}, {@code plan}, ...)
 * @param who {@code user@host}
 * @param pid the holder's process id
 * @param host the holder's host name
 * @param created when the lock was taken
 * @param version the holder's qsctl version
 */
public record LockInfo(String id, String operation, String who, long pid, String host, Instant created, String version) {

    public LockInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(who, "who");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(version, "version");
    }

    /**
     * The way messages name the holder: {@code apply by alice@box (id …, pid 1234 on box, since …)}.
     * The user comes first: on a shared machine "who" is what the person reading wants to know.
     */
    public String describe() {
        return operation + " by " + who + " (id " + id + ", pid " + pid + " on " + host + ", since " + created + ")";
    }

    byte[] toJson() {
        ObjectNode json = JsonMapper.shared().createObjectNode();
        json.put("id", id);
        json.put("operation", operation);
        json.put("who", who);
        json.put("pid", pid);
        json.put("host", host);
        json.put("created", created.toString());
        json.put("version", version);
        return (json + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The sidecar's content, or null when it is not a lock record (half-written by an old version, edited). */
    static LockInfo fromJson(byte[] bytes) {
        try {
            JsonNode json = JsonMapper.shared().readTree(bytes);
            if (json == null || !json.isObject() || !json.path("pid").canConvertToLong()) {
                return null;
            }
            for (String field : new String[] {"id", "operation", "who", "host", "created", "version"}) {
                if (!json.path(field).isString()) {
                    return null;
                }
            }
            return new LockInfo(json.get("id").stringValue(), json.get("operation").stringValue(),
                    json.get("who").stringValue(), json.get("pid").longValue(), json.get("host").stringValue(),
                    Instant.parse(json.get("created").stringValue()), json.get("version").stringValue());
        } catch (JacksonException | DateTimeParseException e) {
            return null;
        }
    }
}
