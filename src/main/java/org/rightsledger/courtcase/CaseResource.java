package org.rightsledger.courtcase;

import jakarta.ws.rs.Path;

import org.rightsledger.access.CurrentCaller;
import org.rightsledger.record.RequestBodies;
import org.rightsledger.reference.ReferenceKind;
import org.rightsledger.reference.ReferenceRepository;
import org.rightsledger.reference.ReferenceResource;
import org.rightsledger.reference.ReferenceService;

@Path("/v1/cases")
public class CaseResource extends ReferenceResource {

    CaseResource(ReferenceService service, ReferenceRepository references, RequestBodies bodies, CurrentCaller caller) {
        super(ReferenceKind.CASE, service, references, bodies, caller);
    }
}
