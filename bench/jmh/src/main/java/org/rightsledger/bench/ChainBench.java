package org.rightsledger.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.rightsledger.log.Chain;

/**
 * What the append path computes per entry before it reaches the database
 * (LogAppender.append): RFC 8785 canonical JSON, then contentHash; and the chained hash,
 * which the database computes on append and every verifier recomputes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ChainBench {

    private final String content = Entries.CONTENT;
    private final String canonical = Entries.CANONICAL;
    private final byte[] contentHash = Chain.contentHash(Entries.CANONICAL);
    private final byte[] previous = new byte[32];

    /** Chain.canonicalize: parse + sort + re-serialize (java-json-canonicalization). */
    @Benchmark
    public String canonicalize() {
        return Chain.canonicalize(content);
    }

    /** Chain.contentHash: UTF-8 encode + SHA-256 of the canonical text. */
    @Benchmark
    public byte[] contentHash() {
        return Chain.contentHash(canonical);
    }

    /** Both, as LogAppender.append does them for every entry. */
    @Benchmark
    public byte[] canonicalizeAndHash() {
        return Chain.contentHash(Chain.canonicalize(content));
    }

    /** Chain.entryHash: the chained hash of one position (what a verifier does per entry). */
    @Benchmark
    public byte[] entryHash() {
        return Chain.entryHash(42, previous, contentHash);
    }
}
