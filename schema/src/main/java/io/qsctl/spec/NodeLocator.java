package io.qsctl.spec;

import java.util.List;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.CollectionNode;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Finds where a field was written. Positions are looked up only when a problem is reported, so a
 * large valid file costs nothing here. A field that is absent (a default, or a missing required
 * key) resolves to the nearest enclosing field that is present.
 */
final class NodeLocator {

    private final Node root;

    NodeLocator(Node root) {
        this.root = root;
    }

    /** Where the value of a field starts, or its nearest present ancestor's key. */
    Position valuePosition(FieldPath path) {
        Found found = find(path);
        if (found.complete() && !isBlockCollection(found.value())) {
            return Problems.positionOf(found.value().getStartMark());
        }
        // a block mapping or list starts on the line after its key; the key is what the user looks for
        return found.keyOrValuePosition();
    }

    private static boolean isBlockCollection(Node node) {
        return node instanceof CollectionNode<?> collection && collection.getFlowStyle() == DumperOptions.FlowStyle.BLOCK;
    }

    /** Where the key of a field is written, or its nearest present ancestor's key. */
    Position keyPosition(FieldPath path) {
        return find(path).keyOrValuePosition();
    }

    /** Whether the user wrote this field (rather than leaving it to a default). */
    boolean isPresent(FieldPath path) {
        return find(path).complete();
    }

    private Found find(FieldPath path) {
        Node current = root;
        Node lastKey = null;
        for (Object segment : path.segments()) {
            Node next = null;
            Node key = null;
            if (segment instanceof String name && current instanceof MappingNode mapping) {
                NodeTuple tuple = entry(mapping, name, 0);
                if (tuple != null) {
                    key = tuple.getKeyNode();
                    next = tuple.getValueNode();
                }
            } else if (segment instanceof Integer index && current instanceof SequenceNode sequence) {
                List<Node> items = sequence.getValue();
                if (index < items.size()) {
                    next = items.get(index);
                    key = next;
                }
            }
            if (next == null) {
                return new Found(current, lastKey, false);
            }
            current = next;
            lastKey = key;
        }
        return new Found(current, lastKey, true);
    }

    private static NodeTuple entry(MappingNode mapping, String name, int depth) {
        for (NodeTuple tuple : YamlMappings.ownEntries(mapping)) {
            if (name.equals(YamlMappings.keyText(tuple.getKeyNode()))) {
                return tuple;
            }
        }
        if (depth > 32) {
            return null;
        }
        for (MappingNode merged : YamlMappings.mergedMappings(mapping)) {
            NodeTuple tuple = entry(merged, name, depth + 1);
            if (tuple != null) {
                return tuple;
            }
        }
        return null;
    }

    private record Found(Node value, Node key, boolean complete) {
        Position keyOrValuePosition() {
            Node at = key != null ? key : value;
            return Problems.positionOf(at.getStartMark());
        }
    }
}
