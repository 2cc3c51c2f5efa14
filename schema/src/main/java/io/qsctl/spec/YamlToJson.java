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
 */
final class YamlToJson {

    /** Nodes that aliases may add beyond those written in the file. Real specs use a handful. */
    static final int ALIAS_EXPANSION_BUDGET = 10_000;

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Problems problems;
    private final Map<Node, Boolean> visited = new IdentityHashMap<>();
    private final Set<Node> onPath = Collections.newSetFromMap(new IdentityHashMap<>());
    private long produced;
    private boolean budgetExceeded;

    private YamlToJson(Problems problems) {
        this.problems = problems;
    }

    /** The JSON tree, or null when aliases blew the budget (a problem is then recorded). */
    static JsonNode convert(Node root, Problems problems) {
        YamlToJson converter = new YamlToJson(problems);
        JsonNode result = converter.node(root, FieldPath.ROOT, root.getStartMark());
        return converter.budgetExceeded ? null : result;
    }

    private JsonNode node(Node node, FieldPath path, Mark usedAt) {
        if (budgetExceeded) {
            return JSON.nullNode();
        }
        if (onPath.contains(node)) {
            problems.add(usedAt, path, "recursive alias: this value contains itself");
            return JSON.nullNode();
        }
        produced++;
        if (visited.put(node, Boolean.TRUE) != null && produced > visited.size() + ALIAS_EXPANSION_BUDGET) {
            budgetExceeded = true;
            problems.add(usedAt, path, "aliases expand this document past " + ALIAS_EXPANSION_BUDGET
                    + " extra values; refusing it (an alias bomb?)");
            return JSON.nullNode();
        }
        onPath.add(node);
        try {
            if (node instanceof MappingNode m) {
                return mapping(m, path);
            }
            if (node instanceof SequenceNode s) {
                return sequence(s, path);
            }
            return scalar((ScalarNode) node, path);
        } finally {
            onPath.remove(node);
        }
    }

    private JsonNode mapping(MappingNode mapping, FieldPath path) {
        if (!Tag.MAP.equals(mapping.getTag())) {
            problems.add(mapping.getStartMark(), path, "the tag " + mapping.getTag() + " is not allowed in a spec");
        }
        ObjectNode object = JSON.objectNode();
        Map<String, Node> firstKeys = new HashMap<>();
        for (NodeTuple tuple : YamlMappings.ownEntries(mapping)) {
            Node keyNode = tuple.getKeyNode();
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
            object.set(key, node(tuple.getValueNode(), path.key(key), keyNode.getStartMark()));
        }
        for (NodeTuple tuple : mapping.getValue()) {
            if (YamlMappings.isMergeKey(tuple.getKeyNode())) {
                checkMergeValue(tuple, path);
            }
        }
        for (MappingNode merged : YamlMappings.mergedMappings(mapping)) {
            JsonNode source = node(merged, path, merged.getStartMark());
            if (source instanceof ObjectNode mergedObject) {
                for (Map.Entry<String, JsonNode> entry : mergedObject.properties()) {
                    if (!object.has(entry.getKey())) {
                        object.set(entry.getKey(), entry.getValue());
                    }
                }
            }
        }
        return object;
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
            Node item = items.get(i);
            array.add(node(item, path.index(i), item.getStartMark()));
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
        String text = scalar.getValue().replace("_", "");
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
