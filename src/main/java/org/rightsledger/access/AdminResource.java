package org.rightsledger.access;

import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.rightsledger.http.Params;
import org.rightsledger.http.RequestBodies;
import org.rightsledger.problem.ProblemException;
import org.rightsledger.problem.ProblemType;

@Path("/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    private final ApiKeyService keys;
    private final RequestBodies bodies;
    private final ApiKeyIdentities identities;
    private final AdminAudit audit;

    AdminResource(ApiKeyService keys, RequestBodies bodies, ApiKeyIdentities identities, AdminAudit audit) {
        this.audit = audit;
        this.keys = keys;
        this.bodies = bodies;
        this.identities = identities;
    }

    /** Issues a key; its token is in this response and nowhere else, ever. */
    @RolesAllowed(Roles.ADMIN)
    @POST
    @Path("/api-keys")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response issue(byte[] body) {
        ApiKeyRequest request = bodies.read(body, ApiKeyRequest.class);
        EnumSet<Scope> scopes = EnumSet.noneOf(Scope.class);
        request.scopes().forEach(s -> scopes.add(Scope.of(s).orElseThrow()));
        ApiKeyService.IssuedKey issued = keys.issue(request.partner().strip(), scopes);
        return Response.created(URI.create("/v1/admin/api-keys/" + issued.id()))
                .entity(new IssuedKeyView(issued)).build();
    }

    @RolesAllowed(Roles.ADMIN)
    @DELETE
    @Path("/api-keys/{id}")
    public Response revoke(@PathParam("id") String id) {
        UUID keyId;
        try {
            keyId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.NOT_FOUND, "No API key " + id);
        }
        if (!keys.revoke(keyId)) {
            throw new ProblemException(ProblemType.NOT_FOUND, "No API key " + id);
        }
        // Committed: this instance forgets the key now; the others when the revocation's NOTIFY reaches them.
        identities.invalidateAll();
        return Response.noContent().build();
    }

    /** The audit trail of admin actions, newest first (not public). */
    @RolesAllowed(Roles.ADMIN)
    @GET
    @Path("/audit")
    public List<AdminAudit.Event> audit(@QueryParam("limit") String limit) {
        return audit.latest(Params.integer("limit", limit, 100, 1, 1000));
    }

    public record IssuedKeyView(UUID id, String partner, java.util.List<String> scopes, java.time.Instant createdAt,
            String token) {
        IssuedKeyView(ApiKeyService.IssuedKey key) {
            this(key.id(), key.partner(), key.scopes().stream().map(s -> s.value).sorted().toList(), key.createdAt(),
                    key.token());
        }
    }
}
