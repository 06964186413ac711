package org.rightsledger.proof;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rightsledger.support.Api.api;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rightsledger.support.Api;
import org.rightsledger.support.Records;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The served tree is the Merkle tree of the chain: at every size, the root from stored nodes is
 * the root recomputed from all leaves (restricted entries included, through their contentHash),
 * and the proofs served over HTTP verify by RFC 9162's algorithms against those roots.
 */
@QuarkusTest
class MerkleTreeTest {

    private static final HexFormat HEX = HexFormat.of();

    @Inject
    MerkleTree tree;

    @Inject
    DataSource dataSource;

    private static boolean appended;

    @BeforeEach
    void aLogWithRestrictedEntriesAndABatch() {
        if (appended) {
            return;
        }
        appended = true;
        for (int i = 0; i < 9; i++) {
            Records.append(i % 3 == 0 ? Records.fine().put("confidentiality", "restricted") : Records.detention());
        }
        Api.as(Api.writer()).contentType("application/json")
                .body(List.of(Records.ruling(), Records.fine(), Records.detention()).toString())
                .post("/v1/records/batch").then().statusCode(201);
    }

    /** The leaves as a partner without restricted:read sees them: every contentHash, placeholders included. */
    private static List<byte[]> servedLeaves(long head) {
        List<byte[]> leaves = new ArrayList<>();
        while (leaves.size() < head) {
            // Raw: validating pages of 5000 entries against the contract would cost minutes, and FeedTest does it.
            List<String> hashes = Api.raw().get("/v1/feed?after=" + leaves.size() + "&limit=5000").then().statusCode(200)
                    .extract().jsonPath().getList("items.contentHash");
            hashes.forEach(h -> leaves.add(HEX.parseHex(h)));
        }
        return leaves;
    }

    @Test
    void theTreeAndTheChainAgreeAtEverySize() {
        long head = Api.headPosition();
        List<byte[]> leaves = servedLeaves(head);
        Mth mth = new Mth(leaves);
        for (int n = 1; n <= head; n++) {
            assertArrayEquals(mth.of(0, n), tree.root(n), "root of size " + n);
        }
        for (int n : List.of(1, 2, 3, 7, (int) head)) {
            String served = api().get("/v1/log/tree?size=" + n).then().statusCode(200).extract().path("rootHash");
            assertEquals(HEX.formatHex(mth.of(0, n)), served, "GET /v1/log/tree?size=" + n);
        }
    }

    @Test
    void servedProofsVerifyAgainstServedRoots() {
        int n = (int) Math.min(Api.headPosition(), 9);
        List<byte[]> roots = new ArrayList<>();
        for (int size = 1; size <= n; size++) {
            roots.add(HEX.parseHex(api().get("/v1/log/tree?size=" + size).then().statusCode(200).extract()
                    .<String>path("rootHash")));
        }
        for (int size = 1; size <= n; size++) {
            for (int p = 1; p <= size; p++) {
                var proof = api().get("/v1/log/proofs/inclusion?position=" + p + "&treeSize=" + size).then()
                        .statusCode(200).extract().jsonPath();
                assertEquals(HEX.formatHex(roots.get(size - 1)), proof.getString("rootHash"));
                assertTrue(Rfc9162.verifyInclusion(p - 1, size, HEX.parseHex(proof.getString("leafHash")),
                        bytes(proof.getList("path")), roots.get(size - 1)), p + " in " + size);
            }
            for (int m = 1; m <= size; m++) {
                List<String> path = api().get("/v1/log/proofs/consistency?from=" + m + "&to=" + size).then()
                        .statusCode(200).extract().jsonPath().getList("path");
                assertTrue(Rfc9162.verifyConsistency(m, size, roots.get(m - 1), roots.get(size - 1), bytes(path)),
                        m + " to " + size);
            }
        }
    }

    @Test
    void sizesAndPositionsOutsideTheLogAreProblems() {
        long head = Api.headPosition();
        for (String query : List.of("/v1/log/tree", "/v1/log/tree?size=0", "/v1/log/tree?size=" + (head + 1),
                "/v1/log/tree?size=-1", "/v1/log/tree?size=1e3", "/v1/log/tree?size=99999999999999999999",
                "/v1/log/proofs/inclusion?position=1", "/v1/log/proofs/inclusion?treeSize=1",
                "/v1/log/proofs/inclusion?position=0&treeSize=1", "/v1/log/proofs/inclusion?position=3&treeSize=2",
                "/v1/log/proofs/inclusion?position=1&treeSize=" + (head + 1),
                "/v1/log/proofs/consistency?from=1", "/v1/log/proofs/consistency?from=0&to=1",
                "/v1/log/proofs/consistency?from=3&to=2", "/v1/log/proofs/consistency?from=1&to=" + (head + 1))) {
            api().get(query).then().statusCode(400).contentType("application/problem+json");
        }
    }

    @Test
    void theStoredTreeFollowsTheHeadAndIsAppendOnly() throws Exception {
        long head = Api.headPosition();
        tree.root(head);
        try (Connection c = dataSource.getConnection(); Statement statement = c.createStatement()) {
            try (ResultSet size = statement.executeQuery("SELECT size FROM merkle_tree")) {
                size.next();
                assertTrue(size.getLong(1) >= head);
            }
            assertThrows(SQLException.class, () -> statement.execute("UPDATE merkle_node SET hash = hash"));
            assertThrows(SQLException.class, () -> statement.execute("DELETE FROM merkle_node"));
            assertThrows(SQLException.class, () -> statement.execute("UPDATE merkle_tree SET size = 0"));
        }
    }

    @Test
    void theCheckpointSignsTheTreeOfTheHeadAsANote() throws Exception {
        var checkpoint = api().get("/v1/log/checkpoint").then().statusCode(200).extract().jsonPath();
        String verifierKey = api().get("/v1/log/public-key").then().statusCode(200).extract().path("noteVerifierKey");
        long size = checkpoint.getLong("treeSize");
        assertEquals(checkpoint.getLong("position"), size);
        String note = checkpoint.getString("note");
        TreeCheckpoint signed = TreeCheckpoint.parse(SignedNote.open(note, verifierKey));
        assertEquals(size, signed.size());
        assertEquals(checkpoint.getString("rootHash"), HEX.formatHex(signed.rootHash()));
        assertEquals(verifierKey.substring(0, verifierKey.indexOf('+')), signed.origin());
        assertEquals(api().get("/v1/log/tree?size=" + size).then().extract().path("rootHash"), checkpoint.getString("rootHash"));
        String forged = note.replaceFirst("\n" + size + "\n", "\n" + (size + 1) + "\n");
        assertThrows(SignedNote.Invalid.class, () -> SignedNote.open(forged, verifierKey));
    }

    /** Go's golang.org/x/mod/sumdb/note opens the note; sumdb/tlog checks served proofs. */
    @Test
    void goesOwnImplementationAcceptsTheNoteAndTheProofs() throws Exception {
        GoTlog.require();
        var checkpoint = api().get("/v1/log/checkpoint").then().statusCode(200).extract().jsonPath();
        String verifierKey = api().get("/v1/log/public-key").then().statusCode(200).extract().path("noteVerifierKey");
        String note = checkpoint.getString("note");
        GoTlog.Result opened = GoTlog.run(note, "note", verifierKey);
        assertEquals(0, opened.exit(), opened.out());
        assertEquals(note.substring(0, note.indexOf("\n\n") + 1), opened.out());
        GoTlog.Result forged = GoTlog.run(note.replace("\n\n", "\nextra\n\n"), "note", verifierKey);
        assertEquals(1, forged.exit(), forged.out());

        long n = checkpoint.getLong("treeSize");
        String root = checkpoint.getString("rootHash");
        for (long p : List.of(1L, n / 2 + 1, n)) {
            var proof = api().get("/v1/log/proofs/inclusion?position=" + p + "&treeSize=" + n).then().statusCode(200)
                    .extract().jsonPath();
            List<String> args = new ArrayList<>(List.of("inclusion", Long.toString(p - 1), Long.toString(n),
                    proof.getString("leafHash"), root));
            args.addAll(proof.getList("path"));
            GoTlog.Result checked = GoTlog.run("", args.toArray(String[]::new));
            assertEquals(0, checked.exit(), "inclusion of " + p + " in " + n + ": " + checked.out());
        }
        for (long m : List.of(1L, n / 3 + 1, n - 1)) {
            String first = api().get("/v1/log/tree?size=" + m).then().extract().path("rootHash");
            List<String> args = new ArrayList<>(List.of("consistency", Long.toString(m), Long.toString(n), first, root));
            args.addAll(api().get("/v1/log/proofs/consistency?from=" + m + "&to=" + n).then().statusCode(200).extract()
                    .jsonPath().getList("path"));
            GoTlog.Result checked = GoTlog.run("", args.toArray(String[]::new));
            assertEquals(0, checked.exit(), "consistency " + m + " to " + n + ": " + checked.out());
            args.set(3, root); // the wrong first root
            assertEquals(1, GoTlog.run("", args.toArray(String[]::new)).exit());
        }
    }

    private static List<byte[]> bytes(List<String> hex) {
        return hex.stream().map(HEX::parseHex).toList();
    }

    /** RFC 9162 MTH by its definition, remembering complete subtrees so that every size can be asked. */
    private static final class Mth {
        private final List<byte[]> leaves;
        private final Map<Long, byte[]> complete = new HashMap<>();

        Mth(List<byte[]> leaves) {
            this.leaves = leaves;
        }

        byte[] of(int lo, int hi) {
            int n = hi - lo;
            if (n == 1) {
                return leaves.get(lo);
            }
            boolean perfect = Integer.bitCount(n) == 1;
            long key = (long) lo << 32 | n;
            if (perfect && complete.containsKey(key)) {
                return complete.get(key);
            }
            int k = Rfc9162.k(n);
            byte[] hash = Rfc9162.interior(of(lo, lo + k), of(lo + k, hi));
            if (perfect) {
                complete.put(key, hash);
            }
            return hash;
        }
    }
}
