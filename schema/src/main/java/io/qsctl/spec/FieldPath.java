package io.qsctl.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A field of a spec document, as a list of object keys and array indexes. Printed the way users
 * think of fields ({@code spec.nodes.placement.countries[1]}), and convertible to and from the
 * JSON Pointer that the schema validator speaks.
 */
final class FieldPath {

    static final FieldPath ROOT = new FieldPath(List.of());

    private final List<Object> segments;

    private FieldPath(List<Object> segments) {
        this.segments = segments;
    }

    FieldPath key(String key) {
        return append(key);
    }

    FieldPath index(int index) {
        return append(index);
    }

    private FieldPath append(Object segment) {
        List<Object> next = new ArrayList<>(segments.size() + 1);
        next.addAll(segments);
        next.add(segment);
        return new FieldPath(Collections.unmodifiableList(next));
    }

    List<Object> segments() {
        return segments;
    }

    boolean isRoot() {
        return segments.isEmpty();
    }

    FieldPath parent() {
        return segments.isEmpty() ? this : new FieldPath(segments.subList(0, segments.size() - 1));
    }

    /** Parses a JSON Pointer ({@code /spec/nodes/count}); numeric segments become indexes. */
    static FieldPath fromPointer(String pointer) {
        if (pointer.isEmpty() || pointer.equals("/")) {
            return ROOT;
        }
        List<Object> segments = new ArrayList<>();
        for (String raw : pointer.substring(1).split("/", -1)) {
            String segment = raw.replace("~1", "/").replace("~0", "~");
            segments.add(isIndex(segment) ? (Object) Integer.parseInt(segment) : segment);
        }
        return new FieldPath(Collections.unmodifiableList(segments));
    }

    static FieldPath of(Object... segments) {
        return new FieldPath(List.of(segments));
    }

    private static boolean isIndex(String segment) {
        if (segment.isEmpty() || segment.length() > 9) {
            return false;
        }
        for (int i = 0; i < segment.length(); i++) {
            if (!Character.isDigit(segment.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@code spec.nodes.placement.countries[1]}; the document itself prints as {@code (document)}. */
    String display() {
        if (segments.isEmpty()) {
            return "(document)";
        }
        StringBuilder out = new StringBuilder();
        for (Object segment : segments) {
            if (segment instanceof Integer i) {
                out.append('[').append(i).append(']');
            } else {
                String key = (String) segment;
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(isPlainKey(key) ? key : "\"" + key.replace("\"", "\\\"") + "\"");
            }
        }
        return out.toString();
    }

    private static boolean isPlainKey(String key) {
        if (key.isEmpty()) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FieldPath p && p.segments.equals(segments);
    }

    @Override
    public int hashCode() {
        return segments.hashCode();
    }

    @Override
    public String toString() {
        return display();
    }
}
