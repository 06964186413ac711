package org.rightsledger.reference;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Link;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.rightsledger.access.CurrentCaller;
import org.rightsledger.access.Roles;
import org.rightsledger.http.Cursor;
import org.rightsledger.http.Params;
import org.rightsledger.http.RequestBodies;
import org.rightsledger.log.EntryJson;
import org.rightsledger.problem.Problem.FieldError;
import org.rightsledger.problem.ProblemException;
import org.rightsledger.problem.ProblemType;
import org.rightsledger.record.RecordQuery;
import org.rightsledger.record.RecordRepository;
import org.rightsledger.record.RecordRow;
import org.rightsledger.reference.ReferenceRepository.Revision;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The endpoints every reference entity has: create, revise with If-Match, read with ETag,
 * its revisions, and a filtered, paginated list. Subclasses name the path and the kind.
 */
@Produces(MediaType.APPLICATION_JSON)
public abstract class ReferenceResource {

    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 200;

    protected final ReferenceKind kind;
    protected final ReferenceService service;
    protected final ReferenceRepository references;
    protected final RequestBodies bodies;
    protected final CurrentCaller caller;
    protected final RecordRepository records;

    protected ReferenceResource(ReferenceKind kind, ReferenceService service, ReferenceRepository references,
            RequestBodies bodies, CurrentCaller caller, RecordRepository records) {
        this.records = records;
        this.kind = kind;
        this.service = service;
        this.references = references;
        this.bodies = bodies;
        this.caller = caller;
    }

    @RolesAllowed(Roles.WRITE)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(byte[] body, UriInfo uri) {
        String partner = caller.get().partner();
        Revision created = service.create(kind, draft(body), partner);
        return respond(Response.created(uri.getAbsolutePathBuilder().path(created.entityId().toString()).build()),
                created);
    }

    @RolesAllowed(Roles.WRITE)
    @PUT
    @jakarta.ws.rs.Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response revise(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch, byte[] body) {
        String partner = caller.get().partner();
        UUID entityId = id(id);
        service.latest(kind, entityId); // 404 before 428: there is nothing to match against
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(ProblemType.PRECONDITION_REQUIRED,
                    "Send If-Match: \"<revision>\" with the revision (ETag) you are changing");
        }
        int seen = revisionOf(ifMatch);
        return respond(Response.ok(), service.revise(kind, entityId, seen, draft(body), partner));
    }

    @PermitAll
    @GET
    @jakarta.ws.rs.Path("/{id}")
    public Response get(@PathParam("id") String id) {
        return respond(Response.ok(), service.latest(kind, id(id)));
    }

    @PermitAll
    @GET
    @jakarta.ws.rs.Path("/{id}/revisions")
    public List<ObjectNode> revisions(@PathParam("id") String id) {
        UUID entityId = id(id);
        service.latest(kind, entityId);
        boolean canReadRestricted = caller.get().canReadRestricted();
        return references.revisions(entityId).stream().map(r -> ReferenceViews.view(r, canReadRestricted)).toList();
    }

    @PermitAll
    @GET
    public Response list(@QueryParam("country") String country, @QueryParam("q") String q,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor, UriInfo uri) {
        Params.country(country);
        Params.text(q);
        int size = Params.integer("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
        boolean canReadRestricted = caller.get().canReadRestricted();
        // The filters, and who reads: a cursor issued to a restricted reader is no use to anyone else.
        String filters = kind.value + "|" + country + "|" + q + "|" + canReadRestricted;
        Long before = cursor == null ? null : Cursor.decode(cursor, filters);
        List<ReferenceRepository.Page> rows = references.list(kind, country, q, canReadRestricted, before, size + 1);
        List<ObjectNode> items = new ArrayList<>();
        rows.stream().limit(size).forEach(row -> items.add(ReferenceViews.view(row.revision(), canReadRestricted)));
        String next = rows.size() > size ? Cursor.encode(rows.get(size - 1).createdPosition(), filters) : null;
        Response.ResponseBuilder response = Response.ok(new EntityPage(items, next));
        if (next != null) {
            response.links(Link.fromUri(uri.getRequestUriBuilder().replaceQueryParam("cursor", next).build())
                    .rel("next").build());
        }
        return response.build();
    }

    public record EntityPage(List<ObjectNode> items, String next) {
    }

    private Response respond(Response.ResponseBuilder response, Revision revision) {
        ObjectNode view = ReferenceViews.view(revision, caller.get().canReadRestricted());
        decorate(view, revision.entityId());
        response.tag(new EntityTag(Integer.toString(revision.revision()))).entity(view);
        if (viewShowsRecords()) {
            // The ETag is the revision (what If-Match takes), but the view changes with the records too:
            // a cache could not revalidate it by that tag, so none keeps it (http.Caching).
            response.header(HttpHeaders.CACHE_CONTROL, "no-store");
        }
        return response.build();
    }

    /** What a kind adds to the view of one entity (a bill: its stage and readings). */
    protected void decorate(ObjectNode view, UUID entityId) {
    }

    /** Whether {@link #decorate} adds what records say, which changes without a new revision. */
    protected boolean viewShowsRecords() {
        return false;
    }

    /** The records that name an entity, in the order events happened: its timeline. */
    protected Response timeline(String id, String include, java.util.function.Function<UUID, RecordQuery> naming) {
        UUID entityId = id(id);
        service.latest(kind, entityId);
        if (include != null && !"superseded".equals(include)) {
            throw ProblemException.badParameter("include", "the only value is 'superseded'");
        }
        boolean canReadRestricted = caller.get().canReadRestricted();
        List<RecordRow> rows = records.timeline(naming.apply(entityId), canReadRestricted);
        return Response.ok(EntryJson.page(rows.stream().map(row -> row.json(canReadRestricted)).toList(), null),
                MediaType.APPLICATION_JSON_TYPE).build();
    }

    private ReferenceDraft draft(byte[] body) {
        ReferenceDraft draft = bodies.read(body, kind.draft);
        List<FieldError> errors = new ArrayList<>();
        draft.crossFieldRules(errors);
        RequestBodies.throwIfAny(errors);
        return draft;
    }

    protected UUID id(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.NOT_FOUND, "No " + kind.value + " " + id);
        }
    }

    private static int revisionOf(String ifMatch) {
        String tag = ifMatch.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        try {
            return Integer.parseInt(tag);
        } catch (NumberFormatException e) {
            throw ProblemException.badParameter("If-Match", "must be the ETag of the revision you are changing, such as \"3\"");
        }
    }
}
