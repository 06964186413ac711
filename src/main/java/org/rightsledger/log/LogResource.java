package org.rightsledger.log;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/v1/log")
@Produces(MediaType.APPLICATION_JSON)
public class LogResource {

    private final LogRepository log;

    LogResource(LogRepository log) {
        this.log = log;
    }

    /** The position and hash a partner compares its replayed copy against. */
    @GET
    @Path("/head")
    public LogHead head() {
        return log.head();
    }
}
