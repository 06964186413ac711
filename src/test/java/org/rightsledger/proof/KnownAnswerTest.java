package org.rightsledger.proof;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The tree and its proofs against published test vectors: the eight leaves, their roots and the
 * inclusion and consistency proofs of github.com/transparency-dev/merkle, proof/verify_test.go
 * (the RFC 6962 vectors Certificate Transparency has used since its first Go and C++ code;
 * RFC 9162 §2.1 hashes trees exactly as RFC 6962 did). Copied as data, hex unchanged.
 */
class KnownAnswerTest {

    private static final HexFormat HEX = HexFormat.of();

    /** transparency-dev/merkle proof/verify_test.go: leaves (the data; leaf hash = SHA-256(0x00 ‖ data)). */
    static final List<String> LEAF_DATA = List.of("", "00", "10", "2021", "3031", "40414243", "5051525354555657",
            "606162636465666768696a6b6c6d6e6f");

    /** roots: MTH of the first 1 … 8 leaves. */
    static final List<String> ROOTS = List.of(
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    /** inclusionProofs: {leaf (1-based), size, path}. */
    record Inclusion(int leaf, int size, List<String> path) {
    }

    static final List<Inclusion> INCLUSION = List.of(
            new Inclusion(1, 1, List.of()),
            new Inclusion(1, 8, List.of("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")),
            new Inclusion(6, 8, List.of("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")),
            new Inclusion(3, 3, List.of("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125")),
            new Inclusion(2, 5, List.of("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")));

    /** consistencyProofs: {size1, size2, proof}. */
    record Consistency(int from, int to, List<String> path) {
    }

    static final List<Consistency> CONSISTENCY = List.of(
            new Consistency(1, 1, List.of()),
            new Consistency(1, 8, List.of("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")),
            new Consistency(6, 8, List.of("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")),
            new Consistency(2, 5, List.of("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")),
            new Consistency(6, 7, List.of("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                    "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")));

    static List<byte[]> leafHashes() {
        return LEAF_DATA.stream().map(d -> Rfc9162.leafHash(HEX.parseHex(d))).toList();
    }

    private static ProofBuilder builder() {
        return new ProofBuilder(Rfc9162.subtrees(leafHashes()));
    }

    private static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(HEX::formatHex).toList();
    }

    private static List<byte[]> bytes(List<String> hashes) {
        return hashes.stream().map(HEX::parseHex).toList();
    }

    @Test
    void theRootOfEverySizeIsThePublishedOne() {
        for (int n = 1; n <= 8; n++) {
            assertEquals(ROOTS.get(n - 1), HEX.formatHex(builder().root(n)), "size " + n);
            assertEquals(ROOTS.get(n - 1), HEX.formatHex(Rfc9162.mth(leafHashes().subList(0, n))), "size " + n);
        }
    }

    @Test
    void theEmptyTreeHashesToTheHashOfNothing() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", HEX.formatHex(TreeHashes.emptyRoot()));
    }

    @Test
    void inclusionProofsAreThePublishedOnesAndVerify() throws Exception {
        for (Inclusion v : INCLUSION) {
            List<byte[]> path = builder().inclusion(v.leaf() - 1, v.size());
            assertEquals(v.path(), hex(path), "leaf " + v.leaf() + " in " + v.size());
            byte[] leaf = leafHashes().get(v.leaf() - 1);
            byte[] root = HEX.parseHex(ROOTS.get(v.size() - 1));
            ProofVerifier.verifyInclusion(v.leaf() - 1, v.size(), leaf, bytes(v.path()), root);
            assertTrue(Rfc9162.verifyInclusion(v.leaf() - 1, v.size(), leaf, bytes(v.path()), root));
        }
    }

    @Test
    void consistencyProofsAreThePublishedOnesAndVerify() throws Exception {
        for (Consistency v : CONSISTENCY) {
            assertEquals(v.path(), hex(builder().consistency(v.from(), v.to())), v.from() + " to " + v.to());
            byte[] first = HEX.parseHex(ROOTS.get(v.from() - 1));
            byte[] second = HEX.parseHex(ROOTS.get(v.to() - 1));
            ProofVerifier.verifyConsistency(v.from(), v.to(), bytes(v.path()), first, second);
            assertTrue(Rfc9162.verifyConsistency(v.from(), v.to(), first, second, bytes(v.path())));
        }
    }

    /** The corruptions transparency-dev/merkle tries on every vector, refused by both verifiers. */
    @Test
    void corruptedInclusionProofsAreRefused() {
        byte[] someHash = HEX.parseHex("abacaba000000000000000000000000000000000000000000060061e00123456");
        for (Inclusion v : INCLUSION) {
            long index = v.leaf() - 1;
            byte[] leaf = leafHashes().get((int) index);
            byte[] root = HEX.parseHex(ROOTS.get(v.size() - 1));
            List<byte[]> path = bytes(v.path());
            List<Object[]> probes = new ArrayList<>();
            probes.add(new Object[] { index + 1, (long) v.size(), leaf, path, root });
            probes.add(new Object[] { index ^ 2, (long) v.size(), leaf, path, root });
            probes.add(new Object[] { index, v.size() * 2L, leaf, path, root });
            probes.add(new Object[] { index, (long) v.size(), someHash, path, root });
            probes.add(new Object[] { index, (long) v.size(), leaf, path, TreeHashes.emptyRoot() });
            probes.add(new Object[] { index, (long) v.size(), leaf, with(path, path.size(), root), root });
            probes.add(new Object[] { index, (long) v.size(), leaf, with(path, 0, root), root });
            for (int i = 0; i < path.size(); i++) {
                probes.add(new Object[] { index, (long) v.size(), leaf, flipped(path, i), root });
                probes.add(new Object[] { index, (long) v.size(), leaf, without(path, i), root });
            }
            for (Object[] p : probes) {
                @SuppressWarnings("unchecked")
                List<byte[]> probePath = (List<byte[]>) p[3];
                assertThrows(ProofVerifier.Invalid.class, () -> ProofVerifier.verifyInclusion((long) p[0], (long) p[1],
                        (byte[]) p[2], probePath, (byte[]) p[4]));
                assertTrue(!Rfc9162.verifyInclusion((long) p[0], (long) p[1], (byte[]) p[2], probePath, (byte[]) p[4]));
            }
        }
    }

    @Test
    void corruptedConsistencyProofsAreRefused() {
        for (Consistency v : CONSISTENCY) {
            if (v.path().isEmpty()) {
                continue;
            }
            byte[] first = HEX.parseHex(ROOTS.get(v.from() - 1));
            byte[] second = HEX.parseHex(ROOTS.get(v.to() - 1));
            List<byte[]> path = bytes(v.path());
            List<Object[]> probes = new ArrayList<>();
            probes.add(new Object[] { v.from() - 1L, (long) v.to(), first, second, path });
            probes.add(new Object[] { v.from() + 1L, (long) v.to(), first, second, path });
            probes.add(new Object[] { (long) v.from(), v.to() * 2L, first, second, path });
            probes.add(new Object[] { (long) v.from(), (long) v.to(), second, first, path });
            probes.add(new Object[] { (long) v.from(), (long) v.to(), first, second, List.of() });
            probes.add(new Object[] { (long) v.from(), (long) v.to(), first, second, with(path, path.size(), second) });
            probes.add(new Object[] { (long) v.from(), (long) v.to(), first, second, with(path, 0, first) });
            for (int i = 0; i < path.size(); i++) {
                probes.add(new Object[] { (long) v.from(), (long) v.to(), first, second, flipped(path, i) });
                probes.add(new Object[] { (long) v.from(), (long) v.to(), first, second, without(path, i) });
            }
            for (Object[] p : probes) {
                @SuppressWarnings("unchecked")
                List<byte[]> probePath = (List<byte[]>) p[4];
                if ((long) p[0] < 1) {
                    continue; // size 0 is consistent with everything
                }
                assertThrows(ProofVerifier.Invalid.class, () -> ProofVerifier.verifyConsistency((long) p[0], (long) p[1],
                        probePath, (byte[]) p[2], (byte[]) p[3]), () -> "probe " + List.of(p[0], p[1]));
                assertTrue(!Rfc9162.verifyConsistency((long) p[0], (long) p[1], (byte[]) p[2], (byte[]) p[3], probePath));
            }
        }
    }

    @Test
    void proofsOutsideTheTreeAreNotBuilt() {
        assertThrows(IllegalArgumentException.class, () -> builder().inclusion(8, 8));
        assertThrows(IllegalArgumentException.class, () -> builder().consistency(0, 8));
        assertThrows(IllegalArgumentException.class, () -> builder().consistency(5, 4));
        assertArrayEquals(leafHashes().get(0), builder().root(1));
    }

    static List<byte[]> flipped(List<byte[]> path, int i) {
        List<byte[]> copy = new ArrayList<>(path);
        byte[] changed = copy.get(i).clone();
        changed[0] ^= 8;
        copy.set(i, changed);
        return copy;
    }

    static List<byte[]> without(List<byte[]> path, int i) {
        List<byte[]> copy = new ArrayList<>(path);
        copy.remove(i);
        return copy;
    }

    static List<byte[]> with(List<byte[]> path, int at, byte[] hash) {
        List<byte[]> copy = new ArrayList<>(path);
        copy.add(at, hash);
        return copy;
    }
}
