package io.qsctl.zdb.resp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One RESP reply, as the client reads it. The set is closed: 0-db answers with nothing else.
 *
 * <p>{@link Bulk} holds an array but compares by content, so replies can be compared in tests
 * and collections. Callers must not modify the array of a Bulk they did not create.
 */
public sealed interface Reply {

    /** {@code +text}: a status such as {@code OK} or {@code PONG}. */
    record SimpleString(String value) implements Reply {
        public SimpleString {
            Objects.requireNonNull(value, "value");
        }
    }

    /** {@code -message}: the server refused the command. 0-db's messages have no prefix. */
    record Error(String message) implements Reply {
        public Error {
            Objects.requireNonNull(message, "message");
        }
    }

    /** {@code :n}. */
    record Integer(long value) implements Reply {}

    /** {@code $n}: a binary-safe string (keys, values, cursors, INFO text). */
    record Bulk(byte[] value) implements Reply {
        public Bulk {
            Objects.requireNonNull(value, "value");
        }

        /** The bytes decoded as UTF-8. */
        public String asString() {
            return new String(value, StandardCharsets.UTF_8);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Bulk bulk && Arrays.equals(value, bulk.value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Bulk[" + Printable.of(value) + "]";
        }
    }

    /** {@code $-1} or {@code *-1}: no value (a missing key, an unchanged SET). */
    record Nil() implements Reply {
        public static final Nil INSTANCE = new Nil();
    }

    /** {@code *n}: n replies, possibly arrays themselves. */
    record Array(List<Reply> elements) implements Reply {
        public Array {
            elements = List.copyOf(elements);
        }
    }
}
