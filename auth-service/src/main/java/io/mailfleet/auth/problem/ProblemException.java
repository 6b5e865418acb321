package io.mailfleet.auth.problem;

import jakarta.ws.rs.core.Response;

import java.util.List;

/** A request the service refuses for a reason the caller can fix; becomes a problem+json response. */
public class ProblemException extends RuntimeException {

    private final Response.Status status;
    private final List<Problem.FieldError> errors;

    public ProblemException(Response.Status status, String detail) {
        this(status, detail, null);
    }

    private ProblemException(Response.Status status, String detail, List<Problem.FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.errors = errors;
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(Response.Status.NOT_FOUND, what + " not found");
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(Response.Status.BAD_REQUEST, detail);
    }

    /** A 400 naming each offending field of the body, like a failed bean validation. */
    public static ProblemException invalidFields(List<Problem.FieldError> errors) {
        return new ProblemException(Response.Status.BAD_REQUEST, "the request is invalid", List.copyOf(errors));
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(Response.Status.CONFLICT, detail);
    }

    public Problem problem() {
        Problem problem = Problem.of(status, getMessage());
        return errors == null ? problem
                : new Problem(problem.type(), problem.title(), problem.status(), problem.detail(), problem.instance(), errors);
    }
}
