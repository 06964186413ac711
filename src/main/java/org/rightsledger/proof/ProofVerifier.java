package org.rightsledger.proof;

import java.security.MessageDigest;
import java.util.List;

/**
 * Checks inclusion and consistency proofs of RFC 9162 §2.1.3.2 and §2.1.4.2, in the
 * formulation of transparency-dev/merkle: a proof for leaf m in a tree of size n has an
 * "inner" part (levels where m and n−1 are in different subtrees) chained by m's bits and a
 * "border" part folded from the right. Used by the jar's {@code verify} command, with no
 * trust in the server.
 */
public final class ProofVerifier {

    private ProofVerifier() {
    }

    /** Thrown when a proof does not hold; the message says why. */
    public static final class Invalid extends Exception {
        public Invalid(String message) {
            super(message);
        }
    }

    /** The root a leaf hash and its audit path imply for the tree of {@code size}. */
    public static byte[] rootFromInclusion(long index, long size, byte[] leafHash, List<byte[]> path) throws Invalid {
        if (index < 0 || index >= size) {
            throw new Invalid("leaf index " + index + " is outside a tree of size " + size);
        }
        checkHashes(leafHash, path);
        int inner = innerProofSize(index, size);
        int border = Long.bitCount(index >>> inner);
        if (path.size() != inner + border) {
            throw new Invalid("an inclusion proof for leaf " + index + " in a tree of size " + size + " has "
                    + (inner + border) + " hashes, not " + path.size());
        }
        byte[] hash = chainInner(leafHash, path.subList(0, inner), index);
        return chainBorderRight(hash, path.subList(inner, path.size()));
    }

    public static void verifyInclusion(long index, long size, byte[] leafHash, List<byte[]> path, byte[] root)
            throws Invalid {
        if (!MessageDigest.isEqual(rootFromInclusion(index, size, leafHash, path), root)) {
            throw new Invalid("the inclusion proof leads to another root than " + hexOf(root));
        }
    }

    /** Proves the tree of size1 with root1 is a prefix of the tree of size2 with root2. */
    public static void verifyConsistency(long size1, long size2, List<byte[]> proof, byte[] root1, byte[] root2)
            throws Invalid {
        checkHashes(root1, proof);
        checkHashes(root2, List.of());
        if (size1 < 0 || size2 < size1) {
            throw new Invalid("no consistency from size " + size1 + " to size " + size2);
        }
        if (size1 == size2 || size1 == 0) {
            if (!proof.isEmpty()) {
                throw new Invalid("a consistency proof from " + size1 + " to " + size2 + " is empty");
            }
            if (size1 == size2 && !MessageDigest.isEqual(root1, root2)) {
                throw new Invalid("two trees of the same size " + size1 + " have different roots");
            }
            return;
        }
        if (proof.isEmpty()) {
            throw new Invalid("the consistency proof is empty");
        }
        int inner = innerProofSize(size1 - 1, size2);
        int border = Long.bitCount((size1 - 1) >>> inner);
        int shift = Long.numberOfTrailingZeros(size1);
        inner -= shift;
        // The proof starts with the root of the subtree of size 2^shift, unless size1 is that subtree.
        byte[] seed = proof.get(0);
        int start = 1;
        if (size1 == 1L << shift) {
            seed = root1;
            start = 0;
        }
        if (proof.size() != start + inner + border) {
            throw new Invalid("a consistency proof from " + size1 + " to " + size2 + " has " + (start + inner + border)
                    + " hashes, not " + proof.size());
        }
        List<byte[]> rest = proof.subList(start, proof.size());
        long mask = (size1 - 1) >>> shift;
        byte[] hash1 = chainBorderRight(chainInnerRight(seed, rest.subList(0, inner), mask), rest.subList(inner, rest.size()));
        if (!MessageDigest.isEqual(hash1, root1)) {
            throw new Invalid("the consistency proof does not lead to the first root " + hexOf(root1));
        }
        byte[] hash2 = chainBorderRight(chainInner(seed, rest.subList(0, inner), mask), rest.subList(inner, rest.size()));
        if (!MessageDigest.isEqual(hash2, root2)) {
            throw new Invalid("the consistency proof does not lead to the second root " + hexOf(root2));
        }
    }

    private static int innerProofSize(long index, long size) {
        return 64 - Long.numberOfLeadingZeros(index ^ (size - 1));
    }

    private static byte[] chainInner(byte[] seed, List<byte[]> proof, long index) {
        for (int i = 0; i < proof.size(); i++) {
            seed = ((index >>> i) & 1) == 0 ? TreeHashes.node(seed, proof.get(i)) : TreeHashes.node(proof.get(i), seed);
        }
        return seed;
    }

    private static byte[] chainInnerRight(byte[] seed, List<byte[]> proof, long index) {
        for (int i = 0; i < proof.size(); i++) {
            if (((index >>> i) & 1) == 1) {
                seed = TreeHashes.node(proof.get(i), seed);
            }
        }
        return seed;
    }

    private static byte[] chainBorderRight(byte[] seed, List<byte[]> proof) {
        for (byte[] hash : proof) {
            seed = TreeHashes.node(hash, seed);
        }
        return seed;
    }

    private static void checkHashes(byte[] first, List<byte[]> more) throws Invalid {
        if (first == null || first.length != TreeHashes.HASH_BYTES
                || more.stream().anyMatch(h -> h == null || h.length != TreeHashes.HASH_BYTES)) {
            throw new Invalid("every hash is " + TreeHashes.HASH_BYTES + " bytes");
        }
    }

    private static String hexOf(byte[] hash) {
        return org.rightsledger.log.Chain.hex(hash);
    }
}
