package io.mailfleet.auth.problem;

import io.vertx.pgclient.PgException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Comparator;

/**
 * Turns every failure of the public API into problem+json: known refusals keep their status, anything
 * unexpected is a 500 whose body says nothing about the internals (the log has the stack trace).
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** PostgreSQL's unique_violation: two requests raced for the same name. */
    private static final String UNIQUE_VIOLATION = "23505";

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return e.problem().toResponse();
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        var errors = e.getConstraintViolations().stream()
                .map(violation -> new Problem.FieldError(field(violation.getPropertyPath().toString()), violation.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return new Problem("about:blank", "Bad Request", 400, "the request is invalid", null, errors).toResponse();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        String detail = status.getStatusCode() == 400 ? "the request body is not valid JSON for this operation" : null;
        return Problem.of(status, detail).toResponse();
    }

    /**
     * Malformed or mistyped JSON. Jackson's own exceptions reach us before any WebApplicationException; the
     * built-in mapper of quarkus-rest-jackson would answer plain JSON (with parser internals), so both types are
     * claimed here by name.
     */
    @ServerExceptionMapper({com.fasterxml.jackson.core.JsonProcessingException.class,
            com.fasterxml.jackson.databind.exc.MismatchedInputException.class})
    public Response unreadableJson(Exception e) {
        return Problem.of(Response.Status.BAD_REQUEST, "the request body is not valid JSON for this operation").toResponse();
    }

    @ServerExceptionMapper
    public Response identityProvider(io.mailfleet.auth.keycloak.KeycloakUnavailableException e) {
        LOG.warn(e.getMessage(), e.getCause());
        return Problem.of(Response.Status.SERVICE_UNAVAILABLE, "the identity provider is unavailable; try again later").toResponse();
    }

    @ServerExceptionMapper
    public Response database(PgException e) {
        if (UNIQUE_VIOLATION.equals(e.getSqlState())) {
            return Problem.of(Response.Status.CONFLICT, "already exists").toResponse();
        }
        LOG.error("database failure", e);
        return Problem.of(Response.Status.INTERNAL_SERVER_ERROR, null).toResponse();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e) {
        LOG.error("unexpected failure", e);
        return Problem.of(Response.Status.INTERNAL_SERVER_ERROR, null).toResponse();
    }

    /** "create.arg0.address" → "address": the caller knows its body's fields, not our parameter names. */
    private static String field(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
