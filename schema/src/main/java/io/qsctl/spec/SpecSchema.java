package io.qsctl.spec;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The StorageCluster JSON Schema, loaded once from the jar. The file in the jar is the very file
 * kept at {@code schema/storage-cluster.schema.json} for editors.
 */
public final class SpecSchema {

    /** Classpath location of the schema. */
    public static final String RESOURCE = "/io/qsctl/spec/storage-cluster.schema.json";

    private static final class Holder {
        static final SpecSchema INSTANCE = load();
    }

    private final JsonNode document;
    private final Schema validator;

    private SpecSchema(JsonNode document, Schema validator) {
        this.document = document;
        this.validator = validator;
    }

    public static SpecSchema get() {
        return Holder.INSTANCE;
    }

    /** The raw schema document, for defaults and suggestions. */
    public JsonNode document() {
        return document;
    }

    Schema validator() {
        return validator;
    }

    /** The schema's text, as shipped. */
    public static String text() {
        try (InputStream in = SpecSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + RESOURCE);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SpecSchema load() {
        JsonNode document = JsonMapper.shared().readTree(text());
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        Schema schema = registry.getSchema(document);
        schema.initializeValidators();
        return new SpecSchema(document, schema);
    }
}
