package io.qsctl.spec;

import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;

/** Collects the problems of one spec file as the layers of the loader find them. */
final class Problems {

    private final String file;
    private final List<SpecProblem> found = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    void add(Position position, String path, String message) {
        found.add(new SpecProblem(file, position, path, message));
    }

    void add(Position position, FieldPath path, String message) {
        add(position, path.display(), message);
    }

    void add(Mark mark, FieldPath path, String message) {
        add(positionOf(mark), path.display(), message);
    }

    static Position positionOf(Mark mark) {
        return mark == null ? Position.START : new Position(mark.getLine() + 1, mark.getColumn() + 1);
    }

    /** Whether an earlier layer already reported this field, so a later one need not repeat it. */
    boolean hasProblemAt(FieldPath path) {
        String shown = path.display();
        for (SpecProblem problem : found) {
            if (problem.path().equals(shown)) {
                return true;
            }
        }
        return false;
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    List<SpecProblem> sorted() {
        List<SpecProblem> copy = new ArrayList<>(found);
        copy.sort(SpecProblem.BY_POSITION);
        return copy;
    }
}
