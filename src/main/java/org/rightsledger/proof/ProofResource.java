package org.rightsledger.proof;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.rightsledger.http.Immutable;
import org.rightsledger.http.SameForEveryCaller;
import org.rightsledger.log.Chain;
import org.rightsledger.problem.ProblemException;

/**
 * The log as a Merkle tree (RFC 9162 §2.1): roots of any size up to the head, inclusion proofs
 * of an entry and consistency proofs between two sizes. Check a root against a signed
 * checkpoint ({@code GET /v1/log/checkpoint}), never on its own word.
 */
@Path("/v1/log")
@SameForEveryCaller
@Produces(MediaType.APPLICATION_JSON)
public class ProofResource {

    private final MerkleTree tree;
    private final MerkleStore store;

    ProofResource(MerkleTree tree, MerkleStore store) {
        this.tree = tree;
        this.store = store;
    }

    /** API model of {@code GET /v1/log/tree}. */
    public record TreeHead(long treeSize, String rootHash) {
    }

    /** API model of {@code GET /v1/log/proofs/inclusion}: §2.1.3, the path nearest sibling first. */
    public record InclusionProof(long position, long treeSize, String leafHash, String rootHash, List<String> path) {
    }

    /** API model of {@code GET /v1/log/proofs/consistency}: §2.1.4. */
    public record ConsistencyProof(long from, long to, List<String> path) {
    }

    @PermitAll
    @Immutable
    @GET
    @Path("/tree")
    public TreeHead tree(@QueryParam("size") String size) {
        long n = size("size", size, 1);
        return new TreeHead(n, Chain.hex(tree.root(n)));
    }

    @PermitAll
    @Immutable
    @GET
    @Path("/proofs/inclusion")
    public InclusionProof inclusion(@QueryParam("position") String position, @QueryParam("treeSize") String treeSize) {
        long n = size("treeSize", treeSize, 1);
        long p = number("position", position, 1, n, "a position from 1 to treeSize (" + n + ")");
        MerkleTree.Inclusion proof = tree.inclusionWithRoot(p - 1, n);
        return new InclusionProof(p, n, Chain.hex(proof.leafHash()), Chain.hex(proof.rootHash()), hex(proof.path()));
    }

    @PermitAll
    @Immutable
    @GET
    @Path("/proofs/consistency")
    public ConsistencyProof consistency(@QueryParam("from") String from, @QueryParam("to") String to) {
        long n = size("to", to, 1);
        long m = number("from", from, 1, n, "a tree size from 1 to `to` (" + n + ")");
        return new ConsistencyProof(m, n, hex(tree.consistency(m, n)));
    }

    /** A tree size from {@code min} up to the log's head. */
    private long size(String name, String value, long min) {
        long head = store.logSize();
        if (head < min) {
            number(name, value, min, Long.MAX_VALUE, "a tree size of at least " + min);
            throw ProblemException.badParameter(name, "the log has " + head + " entries: no tree of that size yet");
        }
        return number(name, value, min, head, "a tree size from " + min + " to the log's head (" + head + ")");
    }

    private static long number(String name, String value, long min, long max, String what) {
        if (value == null || value.isEmpty()) {
            throw ProblemException.badParameter(name, "is required: " + what);
        }
        try {
            if (value.matches("[0-9]{1,19}")) {
                long number = Long.parseLong(value);
                if (number >= min && number <= max) {
                    return number;
                }
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.badParameter(name, "must be " + what);
    }

    private static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(Chain::hex).toList();
    }
}
