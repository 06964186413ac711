package org.rightsledger.problem;

/**
 * The problem types this API answers with. Plain HTTP errors use {@code about:blank}
 * (RFC 9457 §4.2.1) and the status phrase as title.
 */
public enum ProblemType {
    MALFORMED_JSON(400, "urn:rights-ledger:problem:malformed-json", "Malformed request body"),
    INVALID_PARAMETER(400, "urn:rights-ledger:problem:invalid-parameter", "Invalid request parameter"),
    UNAUTHORIZED(401, "urn:rights-ledger:problem:unauthorized", "Authentication required"),
    FORBIDDEN(403, "urn:rights-ledger:problem:forbidden", "Missing scope"),
    NOT_FOUND(404, "about:blank", "Not Found"),
    CONFLICT(409, "urn:rights-ledger:problem:conflict", "Conflict with the log"),
    PRECONDITION_FAILED(412, "urn:rights-ledger:problem:stale-revision", "The revision you changed is not the latest"),
    PRECONDITION_REQUIRED(428, "urn:rights-ledger:problem:if-match-required",
            "Send If-Match with the revision you are changing"),
    PAYLOAD_TOO_LARGE(413, "about:blank", "Content Too Large"),
    UNSUPPORTED_MEDIA_TYPE(415, "about:blank", "Unsupported Media Type"),
    VALIDATION(422, "urn:rights-ledger:problem:validation", "The request does not describe a valid entry"),
    IDEMPOTENCY_KEY_REUSED(422, "urn:rights-ledger:problem:idempotency-key-reused",
            "Idempotency-Key already used with another request body"),
    /** The database cannot be reached, or could not commit: nothing was acknowledged, retry (with the same Idempotency-Key). */
    UNAVAILABLE(503, "urn:rights-ledger:problem:unavailable", "Service Unavailable");

    public final int status;
    public final String uri;
    public final String title;

    ProblemType(int status, String uri, String title) {
        this.status = status;
        this.uri = uri;
        this.title = title;
    }
}
