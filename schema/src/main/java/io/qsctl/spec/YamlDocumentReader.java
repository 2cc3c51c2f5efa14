package io.qsctl.spec;

import java.io.StringReader;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Text to one composed YAML node graph, with positions. Refuses, with a position each: tabs in
 * indentation, syntax errors, an empty file, and a second document. Aliases are left shared in
 * the graph here; {@link YamlToJson} bounds what they expand to.
 */
final class YamlDocumentReader {

    /** Composer-level alias cap; the real bound is the expansion budget in {@link YamlToJson}. */
    private static final int MAX_COLLECTION_ALIASES = 1_000;
    private static final int MAX_NESTING = 64;

    private YamlDocumentReader() {
    }

    /** A composed document: the root of its graph, and where its aliases were written. */
    record Document(Node root, AliasUses aliases) {
    }

    static Optional<Document> read(String text, Problems problems) {
        if (reportTabIndentation(text, problems)) {
            return Optional.empty();
        }
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // duplicates are reported by YamlToJson, with both positions
        options.setMaxAliasesForCollections(MAX_COLLECTION_ALIASES);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setCodePointLimit(SpecSource.MAX_BYTES + 1);
        options.setAllowRecursiveKeys(false);
        options.setMergeOnCompose(false);
        AliasUses parser = new AliasUses(new ParserImpl(new StreamReader(new StringReader(text)), options));
        Composer composer = new Composer(parser, new Yaml12Resolver(), options);
        try {
            if (!composer.checkNode()) {
                problems.add(Position.START, "document", "the file is empty; expected a StorageCluster document "
                        + "(apiVersion: qsctl.io/v1, kind: StorageCluster, metadata, spec)");
                return Optional.empty();
            }
            Node root = composer.getNode();
            if (!parser.checkEvent(Event.ID.StreamEnd)) {
                Mark second = parser.peekEvent().getStartMark();
                problems.add(Problems.positionOf(second), "document",
                        "a second YAML document starts here; a spec file holds exactly one StorageCluster");
                return Optional.empty();
            }
            return Optional.of(new Document(root, parser));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            problems.add(Problems.positionOf(mark), "syntax", describe(e));
            return Optional.empty();
        } catch (YAMLException e) {
            problems.add(Position.START, "syntax", firstLine(e.getMessage()));
            return Optional.empty();
        }
    }

    private static String describe(MarkedYAMLException e) {
        StringBuilder message = new StringBuilder();
        if (e.getContext() != null) {
            message.append(e.getContext());
        }
        if (e.getProblem() != null) {
            if (message.length() > 0) {
                message.append(": ");
            }
            message.append(e.getProblem());
        }
        return message.length() == 0 ? firstLine(e.getMessage()) : message.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable YAML";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /**
     * YAML forbids tabs in indentation, and SnakeYAML's own message for it is cryptic. Every line
     * that indents with a tab is reported, so a file pasted from a tab-indenting editor is fixed in
     * one go.
     */
    private static boolean reportTabIndentation(String text, Problems problems) {
        boolean found = false;
        int line = 1;
        int lineStart = 0;
        while (lineStart <= text.length()) {
            int lineEnd = text.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = text.length();
            }
            int i = lineStart;
            int firstTab = -1;
            while (i < lineEnd && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                if (text.charAt(i) == '\t' && firstTab < 0) {
                    firstTab = i;
                }
                i++;
            }
            boolean hasContent = i < lineEnd && text.charAt(i) != '\r';
            if (firstTab >= 0 && hasContent) {
                problems.add(new Position(line, firstTab - lineStart + 1), "syntax",
                        "tab character in indentation; YAML indents with spaces only");
                found = true;
            }
            line++;
            lineStart = lineEnd + 1;
        }
        return found;
    }
}
