package org.rightsledger.proof;

/**
 * Hashes of complete (perfect) subtrees: the node at {@code level} and {@code index} covers leaves
 * [index·2^level, (index+1)·2^level); level 0 is a leaf. Every other hash a proof needs is
 * folded from at most one of these per level.
 */
@FunctionalInterface
public interface Subtrees {

    byte[] hash(int level, long index);

    /** A complete subtree, named. */
    record Node(int level, long index) {
    }
}
