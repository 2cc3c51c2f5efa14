package io.qsctl.spec;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Loads storage.yaml: bytes, strict UTF-8, one YAML document with positions, JSON tree, JSON Schema,
 * defaults, cross-field rules, typed records. Each layer reports every problem it can see; a
 * layer runs only if the one before produced something it can read.
 *
 * <p>Thread-safe and stateless; the schema is compiled once per process.
 */
public final class SpecLoader {

    private SpecLoader() {
    }

    /**
     * The outcome of checking a spec: the cluster, or the problems that stop it. For a valid spec,
     * {@code written} names the fields directly under {@code spec} that the file writes itself
     * (rather than leaving them to their defaults), in file order, each with where its key is:
     * the cluster records cannot tell a default from the same value written out.
     */
    public record Result(Optional<StorageCluster> cluster, List<SpecProblem> problems, Optional<JsonNode> effective,
                         Map<String, Position> written) {
        public Result {
            problems = List.copyOf(problems);
            written = Collections.unmodifiableMap(new LinkedHashMap<>(written));
        }

        public boolean valid() {
            return problems.isEmpty();
        }

        /** The cluster, or {@link SpecValidationException} with every problem. */
        public StorageCluster orThrow() {
            if (!valid()) {
                throw new SpecValidationException(problems);
            }
            return cluster.orElseThrow();
        }
    }

    /** Loads and validates a file, or throws {@link SpecValidationException} with every problem. */
    public static StorageCluster load(Path file) {
        return check(SpecSource.read(file)).orThrow();
    }

    /** Loads and validates a stream (standard input) reported under {@code name}. */
    public static StorageCluster load(String name, InputStream in) {
        return check(SpecSource.read(name, in)).orThrow();
    }

    public static StorageCluster load(SpecSource source) {
        return check(source).orThrow();
    }

    /** Checks a spec without throwing for problems in it. */
    public static Result check(SpecSource source) {
        Problems problems = new Problems(source.name());
        if (source.tooLarge()) {
            problems.add(Position.START, "file", "the file is " + ByteSize.ofBytes(source.declaredSize())
                    + "; spec files are limited to " + ByteSize.ofBytes(SpecSource.MAX_BYTES));
            return invalid(problems);
        }
        Optional<String> text = Utf8Text.decode(source.bytes(), problems);
        if (text.isEmpty()) {
            return invalid(problems);
        }
        Optional<YamlDocumentReader.Document> yaml = YamlDocumentReader.read(text.get(), problems);
        if (yaml.isEmpty()) {
            return invalid(problems);
        }
        JsonNode tree = YamlToJson.convert(yaml.get(), problems);
        if (tree == null) {
            return invalid(problems);
        }
        NodeLocator locator = new NodeLocator(yaml.get().root());
        SchemaProblems.validate(tree, locator, problems);
        List<String> writtenUnderSpec = new ArrayList<>();
        if (tree.path("spec").isObject()) {
            tree.get("spec").propertyNames().forEach(writtenUnderSpec::add);
        }
        if (tree.isObject()) {
            SchemaDefaults.apply(SpecSchema.get().document(), tree);
            SemanticChecks.run(tree, locator, problems);
        }
        if (!problems.isEmpty()) {
            return invalid(problems);
        }
        StorageCluster cluster = SpecMapper.map(tree);
        Map<String, Position> written = new LinkedHashMap<>();
        for (String field : writtenUnderSpec) {
            written.put(field, locator.keyPosition(FieldPath.of("spec", field)));
        }
        return new Result(Optional.of(cluster), List.of(), Optional.of(tree), written);
    }

    private static Result invalid(Problems problems) {
        return new Result(Optional.empty(), problems.sorted(), Optional.empty(), Map.of());
    }
}
