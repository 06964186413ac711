package org.rightsledger.problem;

import java.util.List;

import org.jboss.logging.MDC;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * RFC 9457 problem details. {@code errors} lists the offending fields of a validation
 * problem, each by JSON Pointer into the request (or by query parameter name);
 * {@code requestId} (an extension member) is the request's {@code X-Request-Id}, to find it in the logs.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, String requestId,
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** A problem about the request being handled: it carries that request's id. */
    public Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {
        this(type, title, status, detail, instance, currentRequestId(), errors);
    }

    /** The MDC key under which the edge ({@code http.RequestIds}) keeps the id of the request being handled. */
    public static final String REQUEST_ID = "requestId";

    /** The id of the request being handled, or null outside a request. */
    public static String currentRequestId() {
        Object id = MDC.get(REQUEST_ID);
        return id == null ? null : id.toString();
    }

    /** One offending field: {@code pointer} for the body, {@code parameter} for the query. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(String pointer, String parameter, String detail) {

        public static FieldError at(String pointer, String detail) {
            return new FieldError(pointer, null, detail);
        }

        public static FieldError param(String parameter, String detail) {
            return new FieldError(null, parameter, detail);
        }
    }
}
