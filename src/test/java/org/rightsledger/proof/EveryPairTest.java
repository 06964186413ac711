package org.rightsledger.proof;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Every tree size up to 64: every (P, N) inclusion proof and every (M, N) consistency proof the
 * service's builder makes is the one RFC 9162's definitions give, is accepted by the RFC's own
 * verification algorithms (transcribed in {@link Rfc9162}) and by the service's verifier, and
 * stops being accepted when any one of its hashes changes.
 */
class EveryPairTest {

    private static final int MAX = 64;

    private static List<byte[]> leaves() {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < MAX; i++) {
            leaves.add(Rfc9162.leafHash(("entry " + i).getBytes(StandardCharsets.UTF_8)));
        }
        return leaves;
    }

    @Test
    void everyInclusionProofUpTo64() throws Exception {
        List<byte[]> leaves = leaves();
        ProofBuilder builder = new ProofBuilder(Rfc9162.subtrees(leaves));
        int checked = 0;
        for (int n = 1; n <= MAX; n++) {
            List<byte[]> tree = leaves.subList(0, n);
            byte[] root = Rfc9162.mth(tree);
            assertArrayEquals(root, builder.root(n), "root of " + n);
            for (int m = 0; m < n; m++) {
                List<byte[]> path = builder.inclusion(m, n);
                assertEquals(hex(Rfc9162.path(m, tree)), hex(path), "PATH(" + m + ", D[" + n + "])");
                assertTrue(Rfc9162.verifyInclusion(m, n, leaves.get(m), path, root), m + " in " + n);
                ProofVerifier.verifyInclusion(m, n, leaves.get(m), path, root);
                for (int i = 0; i < path.size(); i++) {
                    List<byte[]> tampered = KnownAnswerTest.flipped(path, i);
                    assertFalse(Rfc9162.verifyInclusion(m, n, leaves.get(m), tampered, root));
                    int leaf = m;
                    int size = n;
                    assertThrows(ProofVerifier.Invalid.class,
                            () -> ProofVerifier.verifyInclusion(leaf, size, leaves.get(leaf), tampered, root));
                }
                byte[] otherLeaf = leaves.get((m + 1) % MAX);
                assertFalse(Rfc9162.verifyInclusion(m, n, otherLeaf, path, root));
                checked++;
            }
        }
        assertEquals(MAX * (MAX + 1) / 2, checked);
    }

    @Test
    void everyConsistencyProofUpTo64() throws Exception {
        List<byte[]> leaves = leaves();
        ProofBuilder builder = new ProofBuilder(Rfc9162.subtrees(leaves));
        int checked = 0;
        for (int n = 1; n <= MAX; n++) {
            byte[] second = Rfc9162.mth(leaves.subList(0, n));
            for (int m = 1; m <= n; m++) {
                byte[] first = Rfc9162.mth(leaves.subList(0, m));
                List<byte[]> path = builder.consistency(m, n);
                List<byte[]> expected = m == n ? List.of() : Rfc9162.proof(m, leaves.subList(0, n));
                assertEquals(hex(expected), hex(path), "PROOF(" + m + ", D[" + n + "])");
                assertTrue(Rfc9162.verifyConsistency(m, n, first, second, path), m + " to " + n);
                ProofVerifier.verifyConsistency(m, n, path, first, second);
                for (int i = 0; i < path.size(); i++) {
                    List<byte[]> tampered = KnownAnswerTest.flipped(path, i);
                    assertFalse(Rfc9162.verifyConsistency(m, n, first, second, tampered));
                    int from = m;
                    int to = n;
                    assertThrows(ProofVerifier.Invalid.class,
                            () -> ProofVerifier.verifyConsistency(from, to, tampered, first, second));
                }
                if (m < n) {
                    // A log that rewrote an entry before m cannot prove consistency with the old root.
                    byte[] forged = Rfc9162.leafHash("forged".getBytes(StandardCharsets.UTF_8));
                    List<byte[]> rewritten = new ArrayList<>(leaves.subList(0, n));
                    rewritten.set(m - 1, forged);
                    byte[] forgedRoot = Rfc9162.mth(rewritten);
                    List<byte[]> forgedPath = Rfc9162.proof(m, rewritten);
                    assertFalse(Rfc9162.verifyConsistency(m, n, first, forgedRoot, forgedPath));
                    int from = m;
                    int to = n;
                    assertThrows(ProofVerifier.Invalid.class,
                            () -> ProofVerifier.verifyConsistency(from, to, forgedPath, first, forgedRoot));
                }
                checked++;
            }
        }
        assertEquals(MAX * (MAX + 1) / 2, checked);
    }

    private static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(HexFormat.of()::formatHex).toList();
    }
}
