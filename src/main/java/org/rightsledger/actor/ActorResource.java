package org.rightsledger.actor;

import jakarta.ws.rs.Path;

import org.rightsledger.access.CurrentCaller;
import org.rightsledger.record.RequestBodies;
import org.rightsledger.reference.ReferenceKind;
import org.rightsledger.reference.ReferenceRepository;
import org.rightsledger.reference.ReferenceResource;
import org.rightsledger.reference.ReferenceService;

@Path("/v1/actors")
public class ActorResource extends ReferenceResource {

    ActorResource(ReferenceService service, ReferenceRepository references, RequestBodies bodies, CurrentCaller caller) {
        super(ReferenceKind.ACTOR, service, references, bodies, caller);
    }
}
