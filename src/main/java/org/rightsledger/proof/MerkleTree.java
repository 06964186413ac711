package org.rightsledger.proof;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.rightsledger.feed.HeadWatcher;
import org.rightsledger.problem.ProblemException;
import org.rightsledger.problem.ProblemType;
import org.rightsledger.proof.Subtrees.Node;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Roots and proofs of the log's Merkle tree, from stored nodes: each answer reads O(log n)
 * nodes in two queries. The stored tree follows the head in the background (woken by the
 * {@link HeadWatcher}) and, before an answer that needs more of it, on demand.
 */
@ApplicationScoped
public class MerkleTree {

    private static final Logger LOG = Logger.getLogger(MerkleTree.class);
    /** Leaves per catch-up transaction. */
    static final int BATCH = 20_000;
    /** A request waits for at most this many leaves to be added; further behind, it is told to retry. */
    static final long ON_DEMAND_LIMIT = 200_000;

    private final MerkleStore store;
    private final HeadWatcher head;
    private final AtomicBoolean queued = new AtomicBoolean();
    private final ExecutorService builder = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "ledger-merkle-tree");
        thread.setDaemon(true);
        return thread;
    });
    /** How many leaves the stored tree is known to cover; only grows. */
    private final AtomicLong built = new AtomicLong();

    MerkleTree(MerkleStore store, HeadWatcher head) {
        this.store = store;
        this.head = head;
    }

    void start(@Observes StartupEvent start) {
        head.onTick(this::catchUpLater);
    }

    void stop(@Observes ShutdownEvent stop) {
        builder.shutdownNow();
    }

    /** MTH of the first {@code size} leaves, size ≥ 1. */
    public byte[] root(long size) {
        if (size == 0) {
            return TreeHashes.emptyRoot();
        }
        return answer(size, proofs -> proofs.root(size));
    }

    /** The audit path of leaf {@code index} (position − 1) in the tree of {@code size}. */
    public List<byte[]> inclusion(long index, long size) {
        return answer(size, proofs -> proofs.inclusion(index, size));
    }

    /** A leaf, its audit path and the root it leads to, read together. */
    public Inclusion inclusionWithRoot(long index, long size) {
        return answer(size, proofs -> new Inclusion(proofs.leaf(index), proofs.root(size), proofs.inclusion(index, size)));
    }

    public record Inclusion(byte[] leafHash, byte[] rootHash, List<byte[]> path) {
    }

    public List<byte[]> consistency(long from, long to) {
        return answer(to, proofs -> proofs.consistency(from, to));
    }

    /** Runs a builder twice: once to learn which nodes it reads, once over those nodes, read in one go. */
    private <T> T answer(long size, Function<ProofBuilder, T> build) {
        ensureBuilt(size);
        Set<Node> wanted = new LinkedHashSet<>();
        byte[] placeholder = new byte[TreeHashes.HASH_BYTES];
        build.apply(new ProofBuilder((level, index) -> {
            wanted.add(new Node(level, index));
            return placeholder;
        }));
        Map<Node, byte[]> nodes = store.read(wanted);
        return build.apply(new ProofBuilder((level, index) -> nodes.get(new Node(level, index))));
    }

    /** Makes sure every node within the first {@code size} leaves is stored. */
    void ensureBuilt(long size) {
        if (built.get() >= size) {
            return;
        }
        long start = grown(store.size());
        while (built.get() < size) {
            if (size - start > ON_DEMAND_LIMIT) {
                catchUpLater();
                throw new ProblemException(ProblemType.UNAVAILABLE, "The Merkle tree is being built (" + built.get()
                        + " of " + size + " leaves); retry after the Retry-After seconds");
            }
            long before = built.get();
            if (grown(store.extend(BATCH)) <= before) {
                throw new IllegalStateException("the Merkle tree stopped at " + before + " below " + size);
            }
        }
    }

    private long grown(long size) {
        return built.accumulateAndGet(size, Math::max);
    }

    /** Asks the builder thread to follow the head; several asks while it works make one. */
    void catchUpLater() {
        if (head.head() >= 0 && head.head() <= built.get()) {
            return;
        }
        if (queued.compareAndSet(false, true)) {
            try {
                builder.execute(this::catchUp);
            } catch (RejectedExecutionException e) {
                queued.set(false); // shutting down
            }
        }
    }

    private void catchUp() {
        queued.set(false);
        try {
            long before;
            do {
                before = built.get();
            } while (grown(store.extend(BATCH)) > before);
        } catch (RuntimeException e) {
            LOG.warnf("the Merkle tree could not follow the log now (%s); it will retry", e.getMessage());
        }
    }
}
