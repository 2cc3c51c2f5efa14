package io.qsctl.cli.cluster;

import io.qsctl.common.DurableFiles;
import io.qsctl.common.DurableFiles.Access;
import io.qsctl.common.IoReasons;
import io.qsctl.common.QsctlException;
import io.qsctl.reconciler.api.Plan;
import io.qsctl.reconciler.api.PlanFile;
import io.qsctl.spec.SpecLoader;
import io.qsctl.spec.SpecSource;
import io.qsctl.spec.SpecWriter;
import io.qsctl.spec.StorageCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A saved plan with the spec it was made from, so {@code qsctl apply PLANFILE} needs nothing else
 * (as Terraform's saved plans): the reconciler's plan document plus an {@code effectiveSpec}
 * field. Neither holds a secret.
 */
public final class PlanFiles {

    /** A spec says what it is at its top level. */
    private static final Pattern SPEC_KIND = Pattern.compile("(?m)^kind:\\s*StorageCluster\\b");

    private PlanFiles() {
    }

    public record Saved(Plan plan, StorageCluster spec) {
    }

    public static void write(Plan plan, StorageCluster spec, Path file) {
        ObjectNode document = PlanFile.toJson(plan);
        document.set("effectiveSpec", SpecWriter.toTree(spec));
        try {
            DurableFiles.replace(file, JsonMapper.shared().writerWithDefaultPrettyPrinter().writeValueAsString(document)
                    .getBytes(StandardCharsets.UTF_8), Access.DEFAULT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the plan to " + file, e);
        }
    }

    public static Saved read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw QsctlException.invalidInput(file + ": no such plan file");
        } catch (IOException e) {
            throw QsctlException.invalidInput(file + ": cannot read: " + IoReasons.of(e));
        }
        JsonNode document;
        try {
            document = JsonMapper.shared().readTree(text);
        } catch (JacksonException e) {
            if (looksLikeSpec(file, text)) {
                throw specNotPlan(file);
            }
            throw QsctlException.invalidInput(file + ": not a qsctl plan file (not JSON)");
        }
        if (document.path("kind").asString("").equals("StorageCluster")) {
            throw specNotPlan(file); // a spec written in JSON, which YAML reads too
        }
        Plan plan = PlanFile.fromJson(document);
        JsonNode spec = document.get("effectiveSpec");
        if (spec == null || !spec.isObject()) {
            throw QsctlException.invalidInput(file + ": the plan file has no spec; make it with `qsctl plan --out`");
        }
        byte[] bytes = JsonMapper.shared().writeValueAsBytes(spec);
        return new Saved(plan, SpecLoader.load(SpecSource.of(file + " (effectiveSpec)", bytes)));
    }

    /** {@code qsctl apply storage.yaml}: the -f was forgotten, and "not JSON" would not say so. */
    private static QsctlException specNotPlan(Path file) {
        return QsctlException.usage(file + " is a spec, not a saved plan: run qsctl apply -f " + file);
    }

    /** Text that is not JSON, given where a plan file was expected: named like a spec, or saying it is one. */
    private static boolean looksLikeSpec(Path file, String text) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") || SPEC_KIND.matcher(text).find();
    }
}
