package org.rightsledger.proof;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * RFC 9162 §2.1 transcribed for tests, independently of the service's code: MTH, PATH and PROOF
 * by their recursive definitions over lists of leaf hashes (§2.1.1, §2.1.3.1, §2.1.4.1), and the
 * verification algorithms step by step as the RFC numbers them (§2.1.3.2, §2.1.4.2).
 */
final class Rfc9162 {

    private Rfc9162() {
    }

    static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                sha.update(part);
            }
            return sha.digest();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] leafHash(byte[] data) {
        return sha256(new byte[] { 0 }, data);
    }

    static byte[] interior(byte[] left, byte[] right) {
        return sha256(new byte[] { 1 }, left, right);
    }

    /** k: the largest power of two smaller than n. */
    static int k(int n) {
        int k = 1;
        while (k << 1 < n) {
            k <<= 1;
        }
        return k;
    }

    /** §2.1.1 MTH over leaf hashes (the leaves are already hashed with 0x00). */
    static byte[] mth(List<byte[]> d) {
        int n = d.size();
        if (n == 0) {
            return sha256();
        }
        if (n == 1) {
            return d.get(0);
        }
        int k = k(n);
        return interior(mth(d.subList(0, k)), mth(d.subList(k, n)));
    }

    /** §2.1.3.1 PATH(m, D[n]). */
    static List<byte[]> path(int m, List<byte[]> d) {
        int n = d.size();
        List<byte[]> out = new ArrayList<>();
        if (n == 1) {
            return out;
        }
        int k = k(n);
        if (m < k) {
            out.addAll(path(m, d.subList(0, k)));
            out.add(mth(d.subList(k, n)));
        } else {
            out.addAll(path(m - k, d.subList(k, n)));
            out.add(mth(d.subList(0, k)));
        }
        return out;
    }

    /** §2.1.4.1 PROOF(m, D[n]) = SUBPROOF(m, D[n], true). */
    static List<byte[]> proof(int m, List<byte[]> d) {
        return subproof(m, d, true);
    }

    private static List<byte[]> subproof(int m, List<byte[]> d, boolean b) {
        int n = d.size();
        List<byte[]> out = new ArrayList<>();
        if (m == n) {
            if (!b) {
                out.add(mth(d));
            }
            return out;
        }
        int k = k(n);
        if (m <= k) {
            out.addAll(subproof(m, d.subList(0, k), b));
            out.add(mth(d.subList(k, n)));
        } else {
            out.addAll(subproof(m - k, d.subList(k, n), false));
            out.add(mth(d.subList(0, k)));
        }
        return out;
    }

    /** §2.1.3.2: verifying an inclusion proof. */
    static boolean verifyInclusion(long leafIndex, long treeSize, byte[] hash, List<byte[]> inclusionPath, byte[] rootHash) {
        // 1. leaf_index < tree_size
        if (leafIndex >= treeSize) {
            return false;
        }
        // 2. fn = leaf_index, sn = tree_size - 1
        long fn = leafIndex;
        long sn = treeSize - 1;
        // 3. r = hash
        byte[] r = hash;
        // 4. for each p in inclusion_path
        for (byte[] p : inclusionPath) {
            if (sn == 0) { // a.
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) { // b.
                r = interior(p, r);
                if ((fn & 1) == 0) {
                    do {
                        fn >>= 1;
                        sn >>= 1;
                    } while ((fn & 1) == 0 && fn != 0);
                }
            } else {
                r = interior(r, p);
            }
            fn >>= 1; // c.
            sn >>= 1;
        }
        // 5. sn == 0 and r == root_hash
        return sn == 0 && Arrays.equals(r, rootHash);
    }

    /** §2.1.4.2: verifying a consistency proof (first < second). */
    static boolean verifyConsistency(long first, long second, byte[] firstHash, byte[] secondHash,
            List<byte[]> consistencyPath) {
        if (first == second) { // nothing to prove beyond equal roots, with an empty path
            return consistencyPath.isEmpty() && Arrays.equals(firstHash, secondHash);
        }
        if (first < 1 || first > second) {
            return false;
        }
        // 1. an empty path fails
        if (consistencyPath.isEmpty()) {
            return false;
        }
        List<byte[]> path = new ArrayList<>(consistencyPath);
        // 2. first an exact power of 2: prepend first_hash
        if (Long.bitCount(first) == 1) {
            path.add(0, firstHash);
        }
        // 3.
        long fn = first - 1;
        long sn = second - 1;
        // 4.
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        // 5.
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        // 6.
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) { // a.
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) { // b.
                fr = interior(c, fr);
                sr = interior(c, sr);
                if ((fn & 1) == 0) {
                    do {
                        fn >>= 1;
                        sn >>= 1;
                    } while ((fn & 1) == 0 && fn != 0);
                }
            } else {
                sr = interior(sr, c);
            }
            fn >>= 1; // c.
            sn >>= 1;
        }
        // 7.
        return Arrays.equals(fr, firstHash) && Arrays.equals(sr, secondHash) && sn == 0;
    }

    /** Complete subtrees of an in-memory list of leaf hashes, for the service's ProofBuilder. */
    static Subtrees subtrees(List<byte[]> leaves) {
        return (level, index) -> {
            int from = (int) (index << level);
            return mth(leaves.subList(from, from + (1 << level)));
        };
    }
}
