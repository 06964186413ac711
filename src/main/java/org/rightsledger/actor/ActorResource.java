package org.rightsledger.actor;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.rightsledger.access.CurrentCaller;
import org.rightsledger.http.RequestBodies;
import org.rightsledger.record.RecordQuery;
import org.rightsledger.record.RecordRepository;
import org.rightsledger.reference.ReferenceKind;
import org.rightsledger.reference.ReferenceRepository;
import org.rightsledger.reference.ReferenceResource;
import org.rightsledger.reference.ReferenceService;

@Path("/v1/actors")
public class ActorResource extends ReferenceResource {

    ActorResource(ReferenceService service, ReferenceRepository references, RequestBodies bodies, CurrentCaller caller,
            RecordRepository records) {
        super(ReferenceKind.ACTOR, service, references, bodies, caller, records);
    }

    /** The actor's timeline: every record that names them, in the order events happened. */
    @PermitAll
    @GET
    @Path("/{id}/records")
    public Response records(@PathParam("id") String id, @QueryParam("include") String include) {
        return timeline(id, include, entity -> RecordQuery.naming(entity, null, null, include != null, 1000));
    }
}
