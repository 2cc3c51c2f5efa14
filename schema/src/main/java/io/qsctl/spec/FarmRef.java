package io.qsctl.spec;

/** A farm named in a placement, by its grid id or by its name. */
public sealed interface FarmRef {

    record Id(long id) implements FarmRef {
        @Override
        public String toString() {
            return Long.toString(id);
        }
    }

    record Name(String name) implements FarmRef {
        @Override
        public String toString() {
            return name;
        }
    }
}
