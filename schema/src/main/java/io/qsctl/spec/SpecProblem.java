package io.qsctl.spec;

import java.util.Comparator;
import java.util.Objects;

/**
 * One thing wrong with a spec file, where it is, and what to do about it. {@code path} names the
 * field ({@code spec.nodes.count}); for problems that belong to no field it names the layer that
 * found them ({@code syntax}, {@code encoding}, {@code file}, {@code document}).
 */
public record SpecProblem(String file, Position position, String path, String message) {

    public static final Comparator<SpecProblem> BY_POSITION =
            Comparator.comparing(SpecProblem::position).thenComparing(SpecProblem::path);

    public SpecProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    /** {@code FILE:LINE:COLUMN: path: message}, the form compilers use, so editors can jump to it. */
    @Override
    public String toString() {
        return file + ":" + position.line() + ":" + position.column() + ": " + path + ": " + message;
    }
}
