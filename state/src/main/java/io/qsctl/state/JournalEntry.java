package io.qsctl.state;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One line of the journal: an action of a plan and where it stands. {@code details} say what the
 * action is about (a node, a deployment hash) so a later run can look for it on the grid; they
 * never hold a secret.
 *
 * @param at when this line was written
 * @param lineage the state's lineage the plan was made against
 * @param planId the plan's id
 * @param action the action's index in the plan
 * @param key the action's idempotency key (see {@link #keyFor})
 * @param status where the action stands
 * @param details what it is about (copied in and out)
 */
public record JournalEntry(Instant at, UUID lineage, String planId, int action, String key, JournalStatus status,
        ObjectNode details) {

    public JournalEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(lineage, "lineage");
        Objects.requireNonNull(planId, "planId");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(status, "status");
        details = details == null ? JsonMapper.shared().createObjectNode() : details.deepCopy();
        if (action < 0) {
            throw new IllegalArgumentException("action indexes start at 0");
        }
    }

    @Override
    public ObjectNode details() {
        return details.deepCopy();
    }

    /** The deterministic idempotency key of an action: {@code <lineage>/<planId>/<action>}. */
    public static String keyFor(UUID lineage, String planId, int action) {
        return lineage + "/" + planId + "/" + action;
    }

    /** A pending entry for an action about to be sent. */
    public static JournalEntry pending(Instant at, UUID lineage, String planId, int action, ObjectNode details) {
        return new JournalEntry(at, lineage, planId, action, keyFor(lineage, planId, action), JournalStatus.PENDING, details);
    }

    /** The same action with a new status (and details, if given; else the same ones). */
    public JournalEntry with(Instant when, JournalStatus newStatus, ObjectNode newDetails) {
        return new JournalEntry(when, lineage, planId, action, key, newStatus, newDetails == null ? details : newDetails);
    }

    /** One NDJSON line, newline included. */
    byte[] toLine() {
        ObjectNode json = JsonMapper.shared().createObjectNode();
        json.put("at", at.toString());
        json.put("lineage", lineage.toString());
        json.put("planId", planId);
        json.put("action", action);
        json.put("key", key);
        json.put("status", status.id());
        json.set("details", details);
        return (JsonMapper.shared().writeValueAsString(json) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Parses one line; throws IllegalArgumentException when it is not an entry. */
    static JournalEntry fromLine(String line) {
        JsonNode json = JsonMapper.shared().readTree(line);
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        for (String field : new String[] {"at", "lineage", "planId", "key", "status"}) {
            if (!json.path(field).isString()) {
                throw new IllegalArgumentException("'" + field + "' is missing or not a string");
            }
        }
        if (!json.path("action").isInt() || !(json.path("details").isObject() || json.path("details").isMissingNode())) {
            throw new IllegalArgumentException("'action' or 'details' has the wrong type");
        }
        return new JournalEntry(Instant.parse(json.get("at").stringValue()), UUID.fromString(json.get("lineage").stringValue()),
                json.get("planId").stringValue(), json.get("action").intValue(), json.get("key").stringValue(),
                JournalStatus.fromId(json.get("status").stringValue()),
                json.get("details") instanceof ObjectNode d ? d : null);
    }
}
