package io.qsctl.spec;

import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Runs the JSON Schema and turns each failed keyword into a problem in the user's words, at the
 * position the user has to look at: the key for an unknown or missing key, the value otherwise.
 */
final class SchemaProblems {

    private final JsonNode schema;
    private final NodeLocator locator;
    private final Problems problems;

    private SchemaProblems(JsonNode schema, NodeLocator locator, Problems problems) {
        this.schema = schema;
        this.locator = locator;
        this.problems = problems;
    }

    static void validate(JsonNode instance, NodeLocator locator, Problems problems) {
        SpecSchema spec = SpecSchema.get();
        List<Error> errors = spec.validator().validate(instance);
        new SchemaProblems(spec.document(), locator, problems).report(errors, instance);
    }

    private void report(List<Error> errors, JsonNode instance) {
        Set<String> seen = new HashSet<>();
        Set<FieldPath> alreadyReported = new HashSet<>();
        for (Error error : errors) {
            FieldPath path = toFieldPath(error.getInstanceLocation());
            if (alreadyReported.contains(path) || problems.hasProblemAt(path)) {
                // the YAML layer explained this value already (a bad number, a forbidden tag)
                alreadyReported.add(path);
                continue;
            }
            String keyword = error.getKeyword() == null ? "" : error.getKeyword();
            // A failed anyOf arrives as one error per branch; it is explained once, as a whole.
            if (isInsideAnyOf(error)) {
                keyword = "anyOf";
            }
            Optional<Problem> problem = describe(error, keyword, path, instance);
            if (problem.isPresent() && seen.add(problem.get().position() + "|" + problem.get().message())) {
                problems.add(problem.get().position(), problem.get().path(), problem.get().message());
            }
        }
    }

    private record Problem(Position position, FieldPath path, String message) {
    }

    private Optional<Problem> describe(Error error, String keyword, FieldPath path, JsonNode instance) {
        JsonNode value = instance.at(pointer(path));
        String schemaPointer = schemaPointer(error);
        switch (keyword) {
            case "additionalProperties" -> {
                String key = error.getProperty();
                FieldPath keyPath = path.key(key);
                List<String> allowed = allowedKeys(parentPointer(schemaPointer));
                String message = "unknown key '" + key + "'";
                Optional<String> guess = DidYouMean.closest(key, allowed);
                message += guess.map(g -> "; did you mean '" + g + "'?")
                        .orElse(allowed.isEmpty() ? "" : "; expected one of: " + String.join(", ", allowed));
                return Optional.of(new Problem(locator.keyPosition(keyPath), keyPath, message));
            }
            case "required" -> {
                String key = error.getProperty();
                return Optional.of(new Problem(locator.keyPosition(path), path.key(key),
                        "missing required key '" + key + "'" + requiredHint(key, path)));
            }
            case "type" -> {
                JsonNode expected = schemaAt(schemaPointer);
                return Optional.of(at(path, "expected " + typeName(expected) + ", found " + describeValue(value)));
            }
            case "const" -> {
                JsonNode expected = schemaAt(schemaPointer);
                String want = expected.asString();
                String message = describeValue(value) + " is not accepted here; the only accepted value is '" + want + "'";
                if (value.isString() && DidYouMean.closest(value.asString(), List.of(want)).isPresent()) {
                    message = describeValue(value) + " is not accepted here; did you mean '" + want + "'?";
                }
                if (path.equals(FieldPath.of("apiVersion"))) {
                    message = "unsupported apiVersion " + describeValue(value) + "; this qsctl reads '" + want + "'";
                }
                return Optional.of(at(path, message));
            }
            case "enum" -> {
                List<String> options = new ArrayList<>();
                schemaAt(schemaPointer).forEach(o -> options.add(o.asString()));
                String message = describeValue(value) + " is not one of: " + String.join(", ", options);
                if (value.isString()) {
                    message += DidYouMean.closest(value.asString(), options).map(g -> "; did you mean '" + g + "'?").orElse("");
                }
                return Optional.of(at(path, message));
            }
            case "pattern" -> {
                return Optional.of(at(path, patternMessage(path, value)));
            }
            case "anyOf" -> {
                if (schemaPointer.contains("byteSize")) {
                    return Optional.of(at(path, describeValue(value) + " is not a size; write a number and a unit, "
                            + "e.g. 500GB or 2TiB (units: B, KB, MB, GB, TB, PB, KiB, MiB, GiB, TiB, PiB)"));
                }
                if (path.segments().contains("farms")) {
                    return Optional.of(at(path, describeValue(value)
                            + " is not a farm; give a farm id (a positive number) or a farm name (a string)"));
                }
                return Optional.of(at(path, describeValue(value) + " is not accepted here"));
            }
            case "minimum", "exclusiveMinimum" -> {
                return Optional.of(at(path, describeValue(value) + " is too small; the minimum is " + schemaAt(schemaPointer)));
            }
            case "maximum", "exclusiveMaximum" -> {
                return Optional.of(at(path, describeValue(value) + " is too large; the maximum is " + schemaAt(schemaPointer)));
            }
            case "minLength" -> {
                return Optional.of(at(path, "must not be empty"));
            }
            case "maxLength" -> {
                return Optional.of(at(path, "is longer than " + schemaAt(schemaPointer) + " characters"));
            }
            case "maxItems" -> {
                return Optional.of(at(path, "lists " + value.size() + " items; at most " + schemaAt(schemaPointer) + " are allowed"));
            }
            case "maxProperties" -> {
                return Optional.of(at(path, "has " + value.size() + " entries; at most " + schemaAt(schemaPointer) + " are allowed"));
            }
            case "uniqueItems" -> {
                return Optional.of(duplicateItem(path, value));
            }
            case "propertyNames" -> {
                return Optional.empty(); // the nested pattern/length error on the name says it better
            }
            default -> {
                return Optional.of(at(path, message(error)));
            }
        }
    }

    private Problem at(FieldPath path, String message) {
        return new Problem(locator.valuePosition(path), path, message);
    }

    private Problem duplicateItem(FieldPath path, JsonNode array) {
        Set<JsonNode> seen = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            if (!seen.add(array.get(i))) {
                FieldPath item = path.index(i);
                return new Problem(locator.valuePosition(item), item,
                        describeValue(array.get(i)) + " is listed more than once");
            }
        }
        return at(path, "items must be unique");
    }

    private String patternMessage(FieldPath path, JsonNode value) {
        List<Object> s = path.segments();
        String shown = describeValue(value);
        if (s.equals(List.of("metadata", "name"))) {
            return shown + " is not a DNS label; use lower-case letters, digits and '-', starting and ending with a letter or digit";
        }
        if (s.contains("countries")) {
            return shown + " is not an ISO 3166-1 alpha-2 country code (two upper-case letters, e.g. BE)";
        }
        if (s.contains("labels")) {
            return shown + " is not a valid label name (letters, digits, '-', '_', '.'; starting and ending with a letter or digit)";
        }
        if (s.contains("webhook")) {
            return shown + " is not an http(s) URL";
        }
        if (s.contains("path")) {
            return shown + " is not an absolute path";
        }
        return shown + " has the wrong form";
    }

    private String requiredHint(String key, FieldPath parent) {
        if (parent.isRoot() && key.equals("apiVersion")) {
            return " (apiVersion: qsctl.io/v1)";
        }
        if (parent.isRoot() && key.equals("kind")) {
            return " (kind: StorageCluster)";
        }
        if (parent.equals(FieldPath.of("spec")) && key.equals("capacity")) {
            return " (the usable capacity, e.g. capacity: 1TiB)";
        }
        return "";
    }

    private static String message(Error error) {
        String message = error.getMessage();
        int colon = message.indexOf(": ");
        return message.startsWith("$") && colon > 0 ? message.substring(colon + 2) : message;
    }

    private static boolean isInsideAnyOf(Error error) {
        NodePath evaluation = error.getEvaluationPath();
        if (evaluation == null) {
            return false;
        }
        for (int i = 0; i < evaluation.getNameCount() - 1; i++) {
            if ("anyOf".equals(evaluation.getName(i))) {
                return true;
            }
        }
        return false;
    }

    private static String schemaPointer(Error error) {
        String location = error.getSchemaLocation().toString();
        int hash = location.indexOf('#');
        return hash < 0 ? "" : location.substring(hash + 1);
    }

    private static String parentPointer(String pointer) {
        int slash = pointer.lastIndexOf('/');
        return slash <= 0 ? "" : pointer.substring(0, slash);
    }

    private JsonNode schemaAt(String pointer) {
        return schema.at(pointer);
    }

    private List<String> allowedKeys(String schemaObjectPointer) {
        List<String> keys = new ArrayList<>();
        JsonNode properties = schema.at(schemaObjectPointer + "/properties");
        properties.propertyNames().forEach(keys::add);
        return keys;
    }

    static FieldPath toFieldPath(NodePath location) {
        FieldPath path = FieldPath.ROOT;
        if (location == null) {
            return path;
        }
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            path = element instanceof Integer index ? path.index(index) : path.key(String.valueOf(element));
        }
        return path;
    }

    static String pointer(FieldPath path) {
        StringBuilder out = new StringBuilder();
        for (Object segment : path.segments()) {
            out.append('/').append(String.valueOf(segment).replace("~", "~0").replace("/", "~1"));
        }
        return out.toString();
    }

    private static String typeName(JsonNode expected) {
        String type = expected.isArray() ? expected.get(0).asString() : expected.asString();
        return switch (type) {
            case "object" -> "a mapping (key: value lines)";
            case "array" -> "a list";
            case "integer" -> "a whole number";
            case "string" -> "a string";
            case "boolean" -> "true or false";
            case "number" -> "a number";
            default -> type;
        };
    }

    static String describeValue(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "nothing";
        }
        if (value.isNull()) {
            return "an empty value";
        }
        if (value.isString()) {
            return "'" + value.asString() + "'";
        }
        if (value.isObject()) {
            return "a mapping";
        }
        if (value.isArray()) {
            return "a list";
        }
        if (value.isBoolean()) {
            return value.asString();
        }
        if (value.isIntegralNumber()) {
            return value.asString();
        }
        if (value.isNumber()) {
            return value.asString() + " (a decimal)";
        }
        return value.toString();
    }
}
