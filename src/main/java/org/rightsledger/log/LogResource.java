package org.rightsledger.log;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.rightsledger.http.SameForEveryCaller;
import org.rightsledger.proof.MerkleTree;

@Path("/v1/log")
@SameForEveryCaller
@Produces(MediaType.APPLICATION_JSON)
public class LogResource {

    private final LogRepository log;
    private final Checkpoints checkpoints;
    private final MerkleTree tree;

    LogResource(LogRepository log, Checkpoints checkpoints, MerkleTree tree) {
        this.log = log;
        this.checkpoints = checkpoints;
        this.tree = tree;
    }

    /** The position and hash a partner compares its replayed copy against. */
    @PermitAll
    @GET
    @Path("/head")
    public LogHead head() {
        return log.head();
    }

    /** The head, signed, with the Merkle tree of the same size as a signed note: proofs a partner can keep. */
    @PermitAll
    @GET
    @Path("/checkpoint")
    public Checkpoints.Checkpoint checkpoint() {
        LogHead head = log.head();
        return checkpoints.sign(head, tree.root(head.position()));
    }

    @PermitAll
    @GET
    @Path("/public-key")
    public Checkpoints.PublicKey publicKey() {
        return checkpoints.publicKey();
    }
}
