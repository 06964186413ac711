package org.rightsledger.proof;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 9162 §2.1.1 (MTH), §2.1.3.1 (PATH) and §2.1.4.1 (SUBPROOF), written as in the RFC but over
 * leaf ranges [lo, hi) whose hashes come from stored complete subtrees. Every range the recursion
 * meets starts on a multiple of its split, so it is a complete subtree, or a complete subtree plus
 * a smaller remainder: a proof touches O(log n) stored nodes.
 */
public final class ProofBuilder {

    private final Subtrees nodes;

    public ProofBuilder(Subtrees nodes) {
        this.nodes = nodes;
    }

    /** The leaf hash at index m. */
    public byte[] leaf(long m) {
        return nodes.hash(0, m);
    }

    /** MTH(D[0:n]) for n ≥ 1. */
    public byte[] root(long n) {
        return hash(0, n);
    }

    /** The audit path of leaf index m (0-based) in the tree of size n, nearest sibling first. */
    public List<byte[]> inclusion(long m, long n) {
        if (m < 0 || m >= n) {
            throw new IllegalArgumentException("leaf " + m + " is not in a tree of size " + n);
        }
        List<byte[]> path = new ArrayList<>();
        path(m, 0, n, path);
        return path;
    }

    /** PROOF(m, D[n]) for 1 ≤ m ≤ n; empty when m = n. */
    public List<byte[]> consistency(long m, long n) {
        if (m < 1 || m > n) {
            throw new IllegalArgumentException("no consistency proof from " + m + " to " + n);
        }
        List<byte[]> proof = new ArrayList<>();
        subproof(m, 0, n, true, proof);
        return proof;
    }

    /** MTH(D[lo:hi]), hi > lo, lo a multiple of the range's largest complete subtree. */
    private byte[] hash(long lo, long hi) {
        long n = hi - lo;
        if (Long.bitCount(n) == 1) {
            int level = Long.numberOfTrailingZeros(n);
            return nodes.hash(level, lo >>> level);
        }
        long k = TreeHashes.split(n);
        return TreeHashes.node(hash(lo, lo + k), hash(lo + k, hi));
    }

    private void path(long m, long lo, long hi, List<byte[]> out) {
        if (hi - lo == 1) {
            return;
        }
        long k = TreeHashes.split(hi - lo);
        if (m < lo + k) {
            path(m, lo, lo + k, out);
            out.add(hash(lo + k, hi));
        } else {
            path(m, lo + k, hi, out);
            out.add(hash(lo, lo + k));
        }
    }

    /** SUBPROOF(m, D[lo:hi], b) with m counted from lo. */
    private void subproof(long m, long lo, long hi, boolean whole, List<byte[]> out) {
        long n = hi - lo;
        if (m == n) {
            if (!whole) {
                out.add(hash(lo, hi));
            }
            return;
        }
        long k = TreeHashes.split(n);
        if (m <= k) {
            subproof(m, lo, lo + k, whole, out);
            out.add(hash(lo + k, hi));
        } else {
            subproof(m - k, lo + k, hi, false, out);
            out.add(hash(lo, lo + k));
        }
    }
}
