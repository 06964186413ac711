package org.rightsledger.courtcase;

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

@Path("/v1/cases")
public class CaseResource extends ReferenceResource {

    CaseResource(ReferenceService service, ReferenceRepository references, RequestBodies bodies, CurrentCaller caller,
            RecordRepository records) {
        super(ReferenceKind.CASE, service, references, bodies, caller, records);
    }

    /** The case's timeline: detention, fine, ruling, appeal … in the order events happened. */
    @PermitAll
    @GET
    @Path("/{id}/records")
    public Response records(@PathParam("id") String id, @QueryParam("include") String include) {
        return timeline(id, include, entity -> RecordQuery.naming(null, entity, null, include != null, 1000));
    }
}
