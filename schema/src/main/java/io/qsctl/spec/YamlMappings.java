package io.qsctl.spec;

import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * How a YAML mapping's entries are seen, merge keys included. Conversion and position lookup both
 * go through here so that a position found for a field is the position of the value that was used.
 */
final class YamlMappings {

    private YamlMappings() {
    }

    static boolean isMergeKey(Node key) {
        return key instanceof ScalarNode s && Tag.MERGE.equals(s.getTag());
    }

    /** Entries written in the mapping itself, in file order, without merge keys. */
    static List<NodeTuple> ownEntries(MappingNode mapping) {
        List<NodeTuple> own = new ArrayList<>(mapping.getValue().size());
        for (NodeTuple tuple : mapping.getValue()) {
            if (!isMergeKey(tuple.getKeyNode())) {
                own.add(tuple);
            }
        }
        return own;
    }

    /**
     * Mappings merged in with {@code <<}, in precedence order (earlier wins), as YAML's merge key
     * type defines. Values that are not mappings are skipped here and reported by the converter.
     */
    static List<MappingNode> mergedMappings(MappingNode mapping) {
        List<MappingNode> merged = new ArrayList<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (isMergeKey(tuple.getKeyNode())) {
                Node value = tuple.getValueNode();
                if (value instanceof MappingNode m) {
                    merged.add(m);
                } else if (value instanceof SequenceNode s) {
                    for (Node item : s.getValue()) {
                        if (item instanceof MappingNode m) {
                            merged.add(m);
                        }
                    }
                }
            }
        }
        return merged;
    }

    /** The text of a key, or null when the key is not a scalar. */
    static String keyText(Node key) {
        return key instanceof ScalarNode s ? s.getValue() : null;
    }
}
