package org.rightsledger.bill;

import jakarta.ws.rs.Path;

import org.rightsledger.access.CurrentCaller;
import org.rightsledger.record.RequestBodies;
import org.rightsledger.reference.ReferenceKind;
import org.rightsledger.reference.ReferenceRepository;
import org.rightsledger.reference.ReferenceResource;
import org.rightsledger.reference.ReferenceService;

@Path("/v1/bills")
public class BillResource extends ReferenceResource {

    BillResource(ReferenceService service, ReferenceRepository references, RequestBodies bodies, CurrentCaller caller) {
        super(ReferenceKind.BILL, service, references, bodies, caller);
    }
}
