package io.qsctl.spec;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.Parser;

/**
 * Where each alias ({@code *name}) was written. SnakeYAML's composed graph replaces an alias by the
 * node it names, so the graph alone would place an alias at its anchor; problems about an alias
 * (recursion, expansion past the budget) must point at the alias itself.
 *
 * <p>It sits between the parser and the composer and sees every event once. A collection node's
 * start mark is the very {@link Mark} object of its start event, which is how a recorded position
 * is found again from the graph: by the collection and the child's index in it (a mapping's
 * children count keys and values alike: entry {@code j} is key {@code 2j}, value {@code 2j + 1}).
 */
final class AliasUses implements Parser {

    private final Parser parser;
    private final Deque<OpenCollection> open = new ArrayDeque<>();
    private final Map<Mark, Map<Integer, Mark>> uses = new IdentityHashMap<>();

    private static final class OpenCollection {
        final Mark start;
        int children;

        OpenCollection(Mark start) {
            this.start = start;
        }
    }

    AliasUses(Parser parser) {
        this.parser = parser;
    }

    /** The position of the alias that is child {@code index} of {@code collection}, or null. */
    Mark at(Node collection, int index) {
        Map<Integer, Mark> children = uses.get(collection.getStartMark());
        return children == null ? null : children.get(index);
    }

    /** The position of the alias that is the value of entry {@code entry} of a mapping, or null. */
    Mark atValue(Node mapping, int entry) {
        return at(mapping, 2 * entry + 1);
    }

    @Override
    public boolean checkEvent(Event.ID choice) {
        return parser.checkEvent(choice);
    }

    @Override
    public Event peekEvent() {
        return parser.peekEvent();
    }

    @Override
    public Event getEvent() {
        Event event = parser.getEvent();
        switch (event.getEventId()) {
            case Scalar -> child();
            case Alias -> uses.computeIfAbsent(open.isEmpty() ? null : open.peek().start, k -> new HashMap<>())
                    .put(child(), event.getStartMark());
            case SequenceStart, MappingStart -> {
                child();
                open.push(new OpenCollection(event.getStartMark()));
            }
            case SequenceEnd, MappingEnd -> open.pop();
            default -> {
                // stream and document boundaries, comments: not children of a collection
            }
        }
        return event;
    }

    private int child() {
        return open.isEmpty() ? 0 : open.peek().children++;
    }
}
