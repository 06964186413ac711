package org.rightsledger.demo;

import java.io.BufferedReader;
import java.io.StringReader;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.rightsledger.access.Roles;

/** {@code POST /v1/admin/import}: NDJSON records with fixed ids (the demo dataset's format). */
@Path("/v1/admin/import")
public class ImportResource {

    private final DatasetImport importer;

    ImportResource(DatasetImport importer) {
        this.importer = importer;
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    @Consumes("application/x-ndjson")
    @Produces(MediaType.APPLICATION_JSON)
    public DatasetImport.Result importRecords(byte[] body) {
        String ndjson = org.rightsledger.http.RequestBodies.utf8(body);
        return importer.importNdjson(new BufferedReader(new StringReader(ndjson == null ? "" : ndjson)),
                DemoDataset.RECORDED_BY);
    }
}
