package io.qsctl.spec;

import io.qsctl.common.ExitCode;
import io.qsctl.common.QsctlException;
import java.util.List;
import java.util.stream.Collectors;

/** A spec file was refused. Carries every problem found, in file order. */
public final class SpecValidationException extends QsctlException {

    private final List<SpecProblem> problems;

    public SpecValidationException(List<SpecProblem> problems) {
        super(ExitCode.ERROR, describe(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a refused spec has at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public List<SpecProblem> problems() {
        return problems;
    }

    private static String describe(List<SpecProblem> problems) {
        String lines = problems.stream().map(SpecProblem::toString).collect(Collectors.joining("\n"));
        return lines + "\n" + problems.size() + (problems.size() == 1 ? " problem" : " problems") + " found";
    }
}
