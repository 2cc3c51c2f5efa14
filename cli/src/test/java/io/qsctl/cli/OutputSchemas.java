package io.qsctl.cli;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.qsctl.spec.SpecSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The documented shapes of {@code -o json|yaml}: one JSON Schema per command in
 * {@code docs/output/commands/}, pieces they share in {@code docs/output/shared.json}. The same
 * files are what docs/cli.md points users at and what the tests check every output against, so the
 * documentation and the program cannot say different things.
 *
 * <p>Each command's file says in {@code x-qsctl-output} what its stdout is: {@code document} (one
 * JSON or YAML document), {@code stream} (one event per JSON line, or per YAML document; the schema
 * is that of one event) or {@code none} (no document in any format; its description says what is
 * printed instead).
 */
final class OutputSchemas {

    static final Path DIR = QsctlRun.REPOSITORY.resolve("docs/output");
    static final String BASE = "https://qsctl.io/schema/v1/output/";
    private static final String STORAGE_CLUSTER = "https://qsctl.io/schema/v1/storage-cluster.schema.json";

    enum Kind { DOCUMENT, STREAM, NONE }

    private final Map<String, JsonNode> commands;
    private final Map<String, JsonNode> byIri = new HashMap<>();
    private final SchemaRegistry registry;

    private OutputSchemas(Map<String, JsonNode> commands, Map<String, String> texts) {
        this.commands = commands;
        texts.forEach((iri, text) -> byIri.put(iri, JsonMapper.shared().readTree(text)));
        // formats asserted, not only annotated: a time must be an ISO-8601 string in YAML too (not a YAML timestamp)
        this.registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemas(Map.copyOf(texts))
                        .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    }

    static OutputSchemas load() {
        Map<String, JsonNode> commands = new TreeMap<>();
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put(STORAGE_CLUSTER, SpecSchema.text());
        texts.put(BASE + "shared.json", read(DIR.resolve("shared.json")));
        try (Stream<Path> files = Files.list(DIR.resolve("commands"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                String name = file.getFileName().toString().replaceFirst("\\.json$", "");
                String text = read(file);
                JsonNode schema = JsonMapper.shared().readTree(text);
                String iri = BASE + "commands/" + name + ".json";
                if (!iri.equals(schema.path("$id").asString())) {
                    throw new AssertionError(file + ": its $id must be " + iri);
                }
                commands.put(name, schema);
                texts.put(iri, text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new OutputSchemas(commands, texts);
    }

    /** Every documented command, as words joined by '-': {@code get-backends}. */
    Set<String> commands() {
        return commands.keySet();
    }

    Kind kind(String command) {
        return Kind.valueOf(schema(command).path("x-qsctl-output").asString("missing").toUpperCase(java.util.Locale.ROOT));
    }

    JsonNode schema(String command) {
        return Optional.ofNullable(commands.get(command))
                .orElseThrow(() -> new AssertionError("no docs/output/commands/" + command + ".json"));
    }

    /** What the schema of {@code command} finds wrong with {@code document} (one event, for a stream). */
    List<String> problems(String command, JsonNode document) {
        Schema schema = registry.getSchema(SchemaLocation.of(BASE + "commands/" + command + ".json"));
        return schema.validate(document).stream().map(Error::toString).toList();
    }

    /** What JSON Schema 2020-12 itself finds wrong with a command's schema file. */
    List<String> metaProblems(String command) {
        Schema meta = registry.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        return meta.validate(schema(command)).stream().map(Error::toString).toList();
    }

    /**
     * The keys a document of {@code command} has at its top, by name with their JSON types
     * ({@code ["integer", "null"]}); for a stream, those of every event. {@code $ref}s into our
     * files are followed; a schema outside them (the draft's, the spec's) contributes nothing.
     */
    Map<String, Set<String>> topLevelKeys(String command) {
        Map<String, Set<String>> keys = new TreeMap<>();
        collectKeys(schema(command), BASE + "commands/" + command + ".json", keys, true);
        return keys;
    }

    /** The types each top-level key may have, with {@code null} left out. */
    Map<String, Set<String>> topLevelTypes(String command) {
        Map<String, Set<String>> types = new TreeMap<>();
        topLevelKeys(command).forEach((key, t) -> {
            Set<String> nonNull = new TreeSet<>(t);
            nonNull.remove("null");
            types.put(key, nonNull);
        });
        return types;
    }

    /** For a stream: the {@code type} of every event it may print. */
    Set<String> eventTypes(String command) {
        Set<String> types = new TreeSet<>();
        eachSubschema(schema(command), BASE + "commands/" + command + ".json", (node, base) -> {
            JsonNode type = node.path("properties").path("type");
            if (type.has("const")) {
                types.add(type.get("const").asString());
            }
            type.path("enum").forEach(t -> types.add(t.asString()));
        }, new java.util.HashSet<>());
        return types;
    }

    /**
     * Every property name declared anywhere in a command's schema (following our {@code $ref}s,
     * skipping objects marked {@code x-qsctl-foreign}, whose keys are another system's).
     */
    Set<String> declaredKeys(String command) {
        Set<String> names = new TreeSet<>();
        eachSubschema(schema(command), BASE + "commands/" + command + ".json",
                (node, base) -> node.path("properties").propertyNames().forEach(names::add), new java.util.HashSet<>());
        return names;
    }

    /** Whether {@code key} is required at the top of every document (of every event, for a stream). */
    boolean requiredAtTop(String command, String key) {
        JsonNode schema = schema(command);
        String base = BASE + "commands/" + command + ".json";
        // a schema that only points at a shared one (a stream's events, the plan) requires what that one does
        while (schema.has("$ref") && !schema.has("required")) {
            Resolved r = resolve(schema.get("$ref").asString(), base);
            schema = r.node();
            base = r.base();
        }
        return schema.path("required").valueStream().anyMatch(r -> r.asString().equals(key));
    }

    // --- walking our schemas -----------------------------------------------------------------------

    private record Resolved(JsonNode node, String base) {
    }

    /** The schema a {@code $ref} names, when it is one of ours. */
    private Optional<Resolved> ours(String ref, String base) {
        Resolved r = resolve(ref, base);
        return r.node() == null ? Optional.empty() : Optional.of(r);
    }

    private Resolved resolve(String ref, String base) {
        URI target = URI.create(base).resolve(ref);
        String document = target.getScheme() + ":" + target.getRawSchemeSpecificPart();
        JsonNode root = byIri.get(document);
        if (root == null || !document.startsWith(BASE)) {
            return new Resolved(null, document);
        }
        String pointer = Optional.ofNullable(target.getFragment()).orElse("");
        return new Resolved(root.at(pointer), document);
    }

    private void collectKeys(JsonNode schema, String base, Map<String, Set<String>> keys, boolean top) {
        if (schema.has("x-qsctl-foreign")) {
            return;
        }
        schema.path("properties").properties().forEach(e -> {
            Set<String> types = keys.computeIfAbsent(e.getKey(), k -> new TreeSet<>());
            types.addAll(typesOf(e.getValue(), base));
        });
        if (schema.has("$ref")) {
            ours(schema.get("$ref").asString(), base).ifPresent(r -> collectKeys(r.node(), r.base(), keys, top));
        }
        for (String combinator : List.of("oneOf", "anyOf", "allOf")) {
            schema.path(combinator).forEach(s -> collectKeys(s, base, keys, top));
        }
    }

    /** The JSON types a property's schema allows (following our refs); empty when it says nothing. */
    private Set<String> typesOf(JsonNode schema, String base) {
        Set<String> types = new TreeSet<>();
        JsonNode type = schema.path("type");
        if (type.isString()) {
            types.add(type.asString());
        }
        type.forEach(t -> types.add(t.asString()));
        if (schema.has("const")) {
            types.add(jsonType(schema.get("const")));
        }
        schema.path("enum").forEach(v -> types.add(jsonType(v)));
        if (schema.has("$ref")) {
            ours(schema.get("$ref").asString(), base).ifPresent(r -> types.addAll(typesOf(r.node(), r.base())));
        }
        return types;
    }

    private static String jsonType(JsonNode value) {
        if (value.isBoolean()) {
            return "boolean";
        }
        if (value.isIntegralNumber()) {
            return "integer";
        }
        if (value.isNumber()) {
            return "number";
        }
        if (value.isString()) {
            return "string";
        }
        return value.isNull() ? "null" : value.isArray() ? "array" : "object";
    }

    private interface Visitor {
        void visit(JsonNode schema, String base);
    }

    /** Every subschema of ours reachable from {@code schema}, each once, foreign objects excluded. */
    private void eachSubschema(JsonNode schema, String base, Visitor visitor, Set<JsonNode> seen) {
        if (!schema.isObject() || schema.has("x-qsctl-foreign") || !seen.add(schema)) {
            return;
        }
        visitor.visit(schema, base);
        if (schema.has("$ref")) {
            ours(schema.get("$ref").asString(), base).ifPresent(r -> eachSubschema(r.node(), r.base(), visitor, seen));
        }
        for (String single : List.of("items", "additionalProperties", "if", "then", "else", "not")) {
            eachSubschema(schema.path(single), base, visitor, seen);
        }
        for (String many : List.of("oneOf", "anyOf", "allOf", "prefixItems")) {
            schema.path(many).forEach(s -> eachSubschema(s, base, visitor, seen));
        }
        schema.path("properties").forEach(s -> eachSubschema(s, base, visitor, seen));
        schema.path("$defs").forEach(s -> eachSubschema(s, base, visitor, seen));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
