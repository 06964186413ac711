package org.rightsledger.log;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/v1/log")
@Produces(MediaType.APPLICATION_JSON)
public class LogResource {

    private final LogRepository log;
    private final Checkpoints checkpoints;

    LogResource(LogRepository log, Checkpoints checkpoints) {
        this.log = log;
        this.checkpoints = checkpoints;
    }

    /** The position and hash a partner compares its replayed copy against. */
    @PermitAll
    @GET
    @Path("/head")
    public LogHead head() {
        return log.head();
    }

    /** The head, signed: a proof a partner can keep of what the log held. */
    @PermitAll
    @GET
    @Path("/checkpoint")
    public Checkpoints.Checkpoint checkpoint() {
        return checkpoints.sign(log.head());
    }

    @PermitAll
    @GET
    @Path("/public-key")
    public Checkpoints.PublicKey publicKey() {
        return checkpoints.publicKey();
    }
}
