package org.rightsledger.record;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Link;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;

import org.rightsledger.access.CurrentCaller;
import org.rightsledger.access.Roles;
import org.rightsledger.cache.AnswerCache.Answer;
import org.rightsledger.http.Cursor;
import org.rightsledger.http.Params;
import org.rightsledger.http.RequestBodies;
import org.rightsledger.log.Chain;
import org.rightsledger.log.LogEntry;
import org.rightsledger.problem.Problem.FieldError;
import org.rightsledger.problem.ProblemException;
import org.rightsledger.problem.ProblemType;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpServerRequest;

@Path("/v1/records")
@Produces(MediaType.APPLICATION_JSON)
public class RecordResource {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;
    static final int MAX_BATCH = 1000;

    private final RecordService service;
    private final RecordReads reads;
    private final RecordParser parser;
    private final RequestBodies bodies;
    private final CurrentCaller caller;

    RecordResource(RecordService service, RecordReads reads, RecordParser parser, RequestBodies bodies,
            CurrentCaller caller) {
        this.service = service;
        this.reads = reads;
        this.parser = parser;
        this.bodies = bodies;
        this.caller = caller;
    }

    @RolesAllowed(Roles.WRITE)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(byte[] body, @Context HttpServerRequest request, UriInfo uri) {
        // Read from Vert.x: JAX-RS turns an empty header into "absent", but an empty key is a client bug.
        String idempotencyKey = request.getHeader("Idempotency-Key");
        if (idempotencyKey != null && !idempotencyKey.matches("[\\x21-\\x7e]{1,255}")) {
            throw ProblemException.badParameter("Idempotency-Key", "must be 1 to 255 visible ASCII characters");
        }
        JsonNode json = bodies.object(body);
        ValidRecord record = parser.parse(json);
        // Same key, same body: the body is compared in canonical form, so whitespace and key order do not count.
        byte[] requestHash = idempotencyKey == null ? null
                : Chain.sha256().digest(Chain.canonicalize(json.toString()).getBytes(StandardCharsets.UTF_8));
        RecordService.Appended appended = service.create(record, caller.get(), idempotencyKey, requestHash);
        Response.ResponseBuilder response = Response.created(location(uri, appended.row().entry().id()))
                .entity(appended.row().json(true)).type(MediaType.APPLICATION_JSON_TYPE);
        if (appended.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.build();
    }

    /** Up to {@value #MAX_BATCH} records, all or none, at consecutive positions. */
    @RolesAllowed(Roles.WRITE)
    @POST
    @Path("/batch")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createBatch(byte[] body) {
        JsonNode json = bodies.tree(body);
        if (!json.isArray()) {
            throw new ProblemException(ProblemType.MALFORMED_JSON, "Expected a JSON array of records");
        }
        if (json.isEmpty() || json.size() > MAX_BATCH) {
            throw ProblemException.invalid("", "a batch holds 1 to " + MAX_BATCH + " records, not " + json.size());
        }
        List<FieldError> errors = new ArrayList<>();
        List<ValidRecord> batch = new ArrayList<>(json.size());
        for (int i = 0; i < json.size(); i++) {
            batch.add(parser.parse(json.get(i), "/" + i, errors));
        }
        RequestBodies.throwIfAny(errors);
        StringBuilder entries = new StringBuilder("[");
        for (LogEntry entry : service.createBatch(batch, caller.get())) {
            entries.append(entries.length() == 1 ? "" : ",").append(new RecordRow(entry).json(true));
        }
        return Response.status(Response.Status.CREATED).entity(entries.append(']').toString())
                .type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    /**
     * Reads return a {@link Uni}: an answer in memory is sent from the event loop at once; one to
     * render goes to a worker thread, where the database may block.
     */
    @PermitAll
    @GET
    @Path("/{id}")
    public Uni<Response> get(@PathParam("id") String id) {
        boolean canReadRestricted = caller.get().canReadRestricted();
        UUID uuid = uuid(id).orElseThrow(() -> noRecord(id));
        return reads.recordInMemory(uuid, canReadRestricted).map(answer -> Uni.createFrom().item(ok(answer)))
                .orElseGet(() -> onWorker(() -> ok(reads.record(uuid, canReadRestricted).orElseThrow(() -> noRecord(id)))));
    }

    @PermitAll
    @GET
    public Uni<Response> list(@QueryParam("type") String type, @QueryParam("country") String country,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("actor") String actor,
            @QueryParam("case") String caseId, @QueryParam("bill") String bill, @QueryParam("tag") String tag,
            @QueryParam("q") String q, @QueryParam("include") String include, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor, UriInfo uri) {
        RecordQuery parsed = new RecordQuery(
                type == null ? null : Optional.ofNullable(RecordType.of(type)).orElseThrow(() -> ProblemException
                        .badParameter("type", "must be one of detention, fine, ruling, bill_reading, retraction")),
                Params.country(country), ReducedDate.param("from", from), ReducedDate.param("to", to), Params.uuid("actor", actor),
                Params.uuid("case", caseId), Params.uuid("bill", bill), tag(tag), Params.text(q), include(include), Params.integer("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT),
                null);
        if (parsed.from() != null && parsed.to() != null && parsed.to().last().isBefore(parsed.from().first())) {
            throw ProblemException.badParameter("to", "must not be before from");
        }
        RecordQuery query = cursor == null ? parsed : parsed.before(Cursor.decode(cursor, parsed.fingerprint()));
        boolean canReadRestricted = caller.get().canReadRestricted();
        UriBuilder here = uri.getRequestUriBuilder(); // taken now: the request's context may not follow to a worker
        return reads.pageInMemory(query, canReadRestricted).map(page -> Uni.createFrom().item(page(page, here)))
                .orElseGet(() -> onWorker(() -> page(reads.page(query, canReadRestricted), here)));
    }

    /** The answer's tag was taken when it was rendered: the bytes are not hashed again per request. */
    private static Response ok(Answer answer) {
        return Response.ok(answer.body(), MediaType.APPLICATION_JSON_TYPE).header(HttpHeaders.ETAG, answer.etag()).build();
    }

    private static Response page(Answer page, UriBuilder here) {
        Response.ResponseBuilder response = Response.ok(page.body(), MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.ETAG, page.etag());
        if (page.next() != null) {
            response.links(Link.fromUri(here.clone().replaceQueryParam("cursor", page.next()).build())
                    .rel("next").build());
        }
        return response.build();
    }

    private static Uni<Response> onWorker(Supplier<Response> render) {
        return Uni.createFrom().item(render).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private static ProblemException noRecord(String id) {
        return new ProblemException(ProblemType.NOT_FOUND, "No record " + id);
    }

    private static URI location(UriInfo uri, UUID id) {
        return uri.getBaseUriBuilder().path("v1/records").path(id.toString()).build();
    }

    private static Optional<UUID> uuid(String value) {
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String tag(String value) {
        if (value != null && (value.length() > 64 || !value.matches("[a-z0-9]+(-[a-z0-9]+)*"))) {
            throw ProblemException.badParameter("tag", "must be a lower-case slug such as freedom-of-assembly");
        }
        return value;
    }

    private static boolean include(String value) {
        if (value == null) {
            return false;
        }
        if (!"superseded".equals(value)) {
            throw ProblemException.badParameter("include", "the only value is 'superseded'");
        }
        return true;
    }
}
