package org.rightsledger.problem;

import java.util.List;

import org.rightsledger.problem.Problem.FieldError;

/** Thrown anywhere a request must be answered with a problem; mapped by {@code http.ProblemMappers}. */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final List<FieldError> errors;

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, List.of());
    }

    public ProblemException(ProblemType type, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.type = type;
        this.errors = List.copyOf(errors);
    }

    public static ProblemException invalid(String pointer, String detail) {
        return new ProblemException(ProblemType.VALIDATION, detail, List.of(FieldError.at(pointer, detail)));
    }

    public static ProblemException badParameter(String parameter, String detail) {
        return new ProblemException(ProblemType.INVALID_PARAMETER, parameter + ": " + detail,
                List.of(FieldError.param(parameter, detail)));
    }

    /** The same problem about an item of a larger request: every pointer gets the item's prefix. */
    public ProblemException within(String pointerPrefix) {
        List<FieldError> moved = errors.stream()
                .map(e -> e.pointer() == null ? e : FieldError.at(pointerPrefix + e.pointer(), e.detail()))
                .toList();
        return new ProblemException(type, pointerPrefix + ": " + getMessage(), moved);
    }

    public Problem toProblem(String instance) {
        return new Problem(type.uri, type.title, type.status, getMessage(), instance, errors);
    }

    public ProblemType type() {
        return type;
    }
}
