package io.qsctl.spec;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fills in absent keys from the schema's {@code default} values, so the defaults users read in
 * the schema (and in their editor's hover text) are exactly the ones qsctl applies.
 */
final class SchemaDefaults {

    private SchemaDefaults() {
    }

    static void apply(JsonNode schemaRoot, JsonNode instance) {
        apply(schemaRoot, schemaRoot, instance);
    }

    private static void apply(JsonNode schemaRoot, JsonNode schema, JsonNode instance) {
        JsonNode resolved = resolve(schemaRoot, schema);
        if (!(instance instanceof ObjectNode object)) {
            return;
        }
        JsonNode properties = resolved.path("properties");
        for (Map.Entry<String, JsonNode> property : properties.properties()) {
            JsonNode propertySchema = resolve(schemaRoot, property.getValue());
            String key = property.getKey();
            if (!object.has(key)) {
                JsonNode fallback = property.getValue().has("default")
                        ? property.getValue().get("default") : propertySchema.get("default");
                if (fallback != null) {
                    object.set(key, fallback.deepCopy());
                }
            }
            if (object.has(key)) {
                apply(schemaRoot, propertySchema, object.get(key));
            }
        }
    }

    /** Follows a local {@code $ref}; the schema has no other kind. */
    private static JsonNode resolve(JsonNode schemaRoot, JsonNode schema) {
        JsonNode ref = schema.get("$ref");
        if (ref != null && ref.isString() && ref.asString().startsWith("#")) {
            return schemaRoot.at(ref.asString().substring(1));
        }
        return schema;
    }
}
