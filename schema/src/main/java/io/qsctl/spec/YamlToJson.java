package io.qsctl.spec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Collections;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A composed YAML graph to a JSON tree for the schema validator. Reports, with positions:
 * duplicate keys, keys that are not plain scalars, tags outside the YAML core schema, numbers that
 * are not finite, recursive aliases, and aliases that expand the document past a fixed budget
 * (the "billion laughs" attack: a few lines that would otherwise expand to billions of nodes).
 * Alias problems are reported where the alias is written, which only {@link AliasUses} knows.
 */
final class YamlToJson {

    /** Nodes that aliases may add beyond those written in the file. Real specs use a handful. */
    static final int ALIAS_EXPANSION_BUDGET = 10_000;

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Problems problems;
    private final AliasUses aliases;
    private final Set<Node> onPath = Collections.newSetFromMap(new IdentityHashMap<>());
    /** The alias written in the document (not inside another alias's value) being expanded now. */
    private Mark expandingAt;
    private FieldPath expandingPath;
    private long expanded;
    private boolean budgetExceeded;

    private YamlToJson(Problems problems, AliasUses aliases) {
        this.problems = problems;
        this.aliases = aliases;
    }

    /** The JSON tree, or null when aliases blew the budget (a problem is then recorded). */
    static JsonNode convert(YamlDocumentReader.Document document, Problems problems) {
        YamlToJson converter = new YamlToJson(problems, document.aliases());
        JsonNode result = converter.node(document.root(), FieldPath.ROOT, null);
        return converter.budgetExceeded ? null : result;
    }

    /** {@code aliasAt}: where the alias that stands for this node is written, null if none does. */
    private JsonNode node(Node node, FieldPath path, Mark aliasAt) {
        if (budgetExceeded) {
            return JSON.nullNode();
        }
        boolean collection = !(node instanceof ScalarNode);
        if (aliasAt != null && collection && onPath.contains(node)) {
            problems.add(aliasAt, path, "recursive alias: this value contains itself");
            return JSON.nullNode();
        }
        boolean outermostAlias = aliasAt != null && expandingAt == null;
        if (outermostAlias) {
            expandingAt = aliasAt;
            expandingPath = path;
        }
        if (expandingAt != null && ++expanded > ALIAS_EXPANSION_BUDGET) {
            budgetExceeded = true;
            problems.add(expandingAt, expandingPath, "aliases expand this document past " + ALIAS_EXPANSION_BUDGET
                    + " extra values by here; refusing it (an alias bomb?)");
            return JSON.nullNode();
        }
        if (collection) {
            onPath.add(node);
        }
        try {
            if (node instanceof MappingNode m) {
                return mapping(m, path);
            }
            if (node instanceof SequenceNode s) {
                return sequence(s, path);
            }
            return scalar((ScalarNode) node, path);
        } finally {
            if (collection) {
                onPath.remove(node);
            }
            if (outermostAlias) {
                expandingAt = null;
                expandingPath = null;
            }
        }
    }

    private JsonNode mapping(MappingNode mapping, FieldPath path) {
        if (!Tag.MAP.equals(mapping.getTag())) {
            problems.add(mapping.getStartMark(), path, "the tag " + mapping.getTag() + " is not allowed in a spec");
        }
        ObjectNode object = JSON.objectNode();
        Map<String, Node> firstKeys = new HashMap<>();
        List<NodeTuple> entries = mapping.getValue();
        for (int entry = 0; entry < entries.size(); entry++) {
            NodeTuple tuple = entries.get(entry);
            Node keyNode = tuple.getKeyNode();
            if (YamlMappings.isMergeKey(keyNode)) {
                continue;
            }
            String key = YamlMappings.keyText(keyNode);
            if (key == null) {
                problems.add(keyNode.getStartMark(), path, "keys must be plain strings, not lists or maps");
                continue;
            }
            Node first = firstKeys.putIfAbsent(key, keyNode);
            if (first != null) {
                problems.add(keyNode.getStartMark(), path.key(key), "duplicate key '" + key
                        + "' (first defined at line " + (first.getStartMark().getLine() + 1) + ")");
                continue;
            }
            object.set(key, node(tuple.getValueNode(), path.key(key), aliases.atValue(mapping, entry)));
        }
        for (int entry = 0; entry < entries.size(); entry++) {
            NodeTuple tuple = entries.get(entry);
            if (YamlMappings.isMergeKey(tuple.getKeyNode())) {
                checkMergeValue(tuple, path);
                mergeInto(object, tuple.getValueNode(), aliases.atValue(mapping, entry), path);
            }
        }
        return object;
    }

    /**
     * Merges the mapping (or each mapping of the list) {@code value} into {@code object}: keys
     * already there win, and among merged mappings the earlier wins, as YAML's merge key type
     * defines and {@link YamlMappings#mergedMappings} sees it.
     */
    private void mergeInto(ObjectNode object, Node value, Mark aliasAt, FieldPath path) {
        if (value instanceof MappingNode m) {
            mergeOne(object, node(m, path, aliasAt));
        } else if (value instanceof SequenceNode s) {
            List<Node> items = s.getValue();
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i) instanceof MappingNode m) {
                    mergeOne(object, node(m, path, aliases.at(s, i)));
                }
            }
        }
    }

    private static void mergeOne(ObjectNode object, JsonNode source) {
        if (source instanceof ObjectNode mergedObject) {
            for (Map.Entry<String, JsonNode> entry : mergedObject.properties()) {
                if (!object.has(entry.getKey())) {
                    object.set(entry.getKey(), entry.getValue());
                }
            }
        }
    }

    private void checkMergeValue(NodeTuple tuple, FieldPath path) {
        Node value = tuple.getValueNode();
        boolean ok = value instanceof MappingNode
                || (value instanceof SequenceNode s && s.getValue().stream().allMatch(MappingNode.class::isInstance));
        if (!ok) {
            problems.add(tuple.getKeyNode().getStartMark(), path,
                    "a merge key (<<) takes a mapping or a list of mappings");
        }
    }

    private JsonNode sequence(SequenceNode sequence, FieldPath path) {
        if (!Tag.SEQ.equals(sequence.getTag())) {
            problems.add(sequence.getStartMark(), path, "the tag " + sequence.getTag() + " is not allowed in a spec");
        }
        ArrayNode array = JSON.arrayNode();
        List<Node> items = sequence.getValue();
        for (int i = 0; i < items.size(); i++) {
            array.add(node(items.get(i), path.index(i), aliases.at(sequence, i)));
        }
        return array;
    }

    private JsonNode scalar(ScalarNode scalar, FieldPath path) {
        Tag tag = scalar.getTag();
        String text = scalar.getValue();
        if (Tag.STR.equals(tag)) {
            return JSON.stringNode(text);
        }
        if (Tag.NULL.equals(tag)) {
            return JSON.nullNode();
        }
        if (Tag.BOOL.equals(tag)) {
            if (!Yaml12Resolver.CORE_BOOL.matcher(text).matches()) {
                return notA("boolean", scalar, path);
            }
            return JSON.booleanNode(text.equalsIgnoreCase("true"));
        }
        if (Tag.INT.equals(tag)) {
            return integer(scalar, path);
        }
        if (Tag.FLOAT.equals(tag)) {
            return decimal(scalar, path);
        }
        problems.add(scalar.getStartMark(), path, "the tag " + tag + " is not allowed in a spec");
        return JSON.nullNode();
    }

    private JsonNode integer(ScalarNode scalar, FieldPath path) {
        String text = scalar.getValue();
        if (text.length() < 19 && isDecimalDigits(text)) {
            return JSON.numberNode(Long.parseLong(text)); // nearly every integer in a spec: no BigInteger
        }
        text = text.replace("_", "");
        try {
            BigInteger value;
            if (text.startsWith("0x")) {
                value = new BigInteger(text.substring(2), 16);
            } else if (text.startsWith("0o")) {
                value = new BigInteger(text.substring(2), 8);
            } else {
                value = new BigInteger(text.startsWith("+") ? text.substring(1) : text);
            }
            return value.bitLength() < 64 ? JSON.numberNode(value.longValue()) : JSON.numberNode(value);
        } catch (NumberFormatException e) {
            return notA("integer", scalar, path);
        }
    }

    private static boolean isDecimalDigits(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = text.charAt(0) == '-' && text.length() > 1 ? 1 : 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private JsonNode decimal(ScalarNode scalar, FieldPath path) {
        String text = scalar.getValue();
        if (text.contains("inf") || text.contains("Inf") || text.contains("INF")
                || text.contains("nan") || text.contains("NaN") || text.contains("NAN")) {
            problems.add(scalar.getStartMark(), path, "'" + text + "' is not a finite number");
            return JSON.nullNode();
        }
        try {
            return JSON.numberNode(new BigDecimal(text.startsWith("+") ? text.substring(1) : text));
        } catch (NumberFormatException e) {
            return notA("number", scalar, path);
        }
    }

    private JsonNode notA(String kind, ScalarNode scalar, FieldPath path) {
        problems.add(scalar.getStartMark(), path, "'" + scalar.getValue() + "' is not a valid " + kind);
        return JSON.nullNode();
    }
}
