package io.qsctl.reconciler.api;

import io.qsctl.common.QsctlException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reading our own JSON documents (state body, plan file, journal details) field by field, with
 * one clear error naming the document and field when something is missing or mistyped: these
 * files are ours, so a bad one is corruption or a foreign file, never a user's typo. Public
 * because the state and plan codecs here and the reconciler's journal reading share it.
 */
public final class Json {

    public static final JsonMapper MAPPER = JsonMapper.shared();

    private final String document;

    public Json(String document) {
        this.document = document;
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public JsonNode node(JsonNode parent, String field) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            throw corrupt("'" + field + "' is missing");
        }
        return value;
    }

    public String text(JsonNode parent, String field) {
        JsonNode value = node(parent, field);
        if (!value.isString()) {
            throw corrupt("'" + field + "' is not a string");
        }
        return value.stringValue();
    }

    public Optional<String> optionalText(JsonNode parent, String field) {
        JsonNode value = parent.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(text(parent, field));
    }

    public long number(JsonNode parent, String field) {
        JsonNode value = node(parent, field);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw corrupt("'" + field + "' is not a whole number");
        }
        return value.longValue();
    }

    public Optional<Long> optionalNumber(JsonNode parent, String field) {
        JsonNode value = parent.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(number(parent, field));
    }

    public int integer(JsonNode parent, String field) {
        long value = number(parent, field);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw corrupt("'" + field + "' is out of range");
        }
        return (int) value;
    }

    public boolean bool(JsonNode parent, String field) {
        JsonNode value = node(parent, field);
        if (!value.isBoolean()) {
            throw corrupt("'" + field + "' is not true or false");
        }
        return value.booleanValue();
    }

    public Instant instant(JsonNode parent, String field) {
        try {
            return Instant.parse(text(parent, field));
        } catch (DateTimeParseException e) {
            throw corrupt("'" + field + "' is not a time");
        }
    }

    public Iterable<JsonNode> array(JsonNode parent, String field) {
        JsonNode value = node(parent, field);
        if (!value.isArray()) {
            throw corrupt("'" + field + "' is not a list");
        }
        return value;
    }

    /** Runs a conversion that may throw on a bad value (an unknown enum name, a negative id) and names the document. */
    public <T> T convert(String what, java.util.function.Supplier<T> conversion) {
        try {
            return conversion.get();
        } catch (IllegalArgumentException e) {
            throw corrupt(what + ": " + e.getMessage());
        }
    }

    public QsctlException corrupt(String problem) {
        return QsctlException.invalidInput(document + " is damaged or not qsctl's: " + problem);
    }
}
