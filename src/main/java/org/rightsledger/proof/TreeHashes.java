package org.rightsledger.proof;

import java.security.MessageDigest;

import org.rightsledger.log.Chain;

/**
 * The hashes of RFC 9162 §2.1: a leaf is SHA-256(0x00 ‖ data) — which the log already has as
 * every entry's {@code contentHash} — and an interior node is SHA-256(0x01 ‖ left ‖ right).
 * The tree of size n splits at k, the largest power of two smaller than n.
 */
public final class TreeHashes {

    public static final int HASH_BYTES = 32;
    private static final byte NODE_PREFIX = 0x01;

    private TreeHashes() {
    }

    public static byte[] node(byte[] left, byte[] right) {
        MessageDigest sha = Chain.sha256();
        sha.update(NODE_PREFIX);
        sha.update(left);
        sha.update(right);
        return sha.digest();
    }

    /** MTH of the empty tree: SHA-256 of nothing. */
    public static byte[] emptyRoot() {
        return Chain.sha256().digest();
    }

    /** The largest power of two smaller than n (n ≥ 2): where RFC 9162 splits a tree of n leaves. */
    public static long split(long n) {
        if (n < 2) {
            throw new IllegalArgumentException("a tree of " + n + " leaves does not split");
        }
        return Long.highestOneBit(n - 1);
    }
}
