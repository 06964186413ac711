package org.rightsledger.cache;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.rightsledger.feed.HeadWatcher;
import org.rightsledger.http.Caching;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Read answers rendered once per log head. Everything a read answers (an entry, what corrected
 * it, the exchange rate of a fine, an entity's revision) changes only by an append, and every
 * append moves the head; so an answer rendered while the head stood at H is the answer for as
 * long as it stays there. A hit costs a map lookup, no query and no rendering.
 *
 * <p>The head is this instance's {@link HeadWatcher#freshHead()}: its own appends count the moment
 * they commit (a writer never reads its write from before it), another instance's once their
 * notification arrives (milliseconds; at worst the watcher's poll, a second: the same bound a
 * long-poll has). When the watcher cannot vouch for the head (the database is unreachable, or
 * the watcher fell behind), nothing is served from here or stored. Keys must name everything the
 * answer depends on, the reader's view of restricted records included.
 *
 * <p>Bounded by the bytes held ({@code ledger.answer-cache.max-bytes}; 0 turns it off), the least
 * used evicted first.
 */
@ApplicationScoped
public class AnswerCache {

    /** A rendered answer: its body, its entity tag (quoted), and what the resource adds per request (a page's next cursor). */
    public record Answer(byte[] body, String etag, String next) {

        /** The bytes sent, and their tag as {@link Caching#tag} makes it for every read: taken once, here. */
        public static Answer of(String json, String next) {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            return new Answer(body, Caching.tag(body), next);
        }
    }

    private record Stamped(long head, Answer answer) {
    }

    private final HeadWatcher watcher;
    private final Cache<Object, Stamped> answers;
    private final boolean enabled;
    private final Counter fromMemory;
    private final Counter rendered;

    AnswerCache(HeadWatcher watcher, @ConfigProperty(name = "ledger.answer-cache.max-bytes") long maxBytes,
            MeterRegistry meters) {
        this.watcher = watcher;
        this.enabled = maxBytes > 0;
        this.answers = Caffeine.newBuilder()
                .maximumWeight(Math.max(maxBytes, 1))
                .weigher((Object key, Stamped stamped) -> stamped.answer().body().length + 256)
                .build();
        fromMemory = Counter.builder("ledger.answers").tag("result", "from-memory")
                .description("Read answers served as rendered at the current head").register(meters);
        rendered = Counter.builder("ledger.answers").tag("result", "rendered")
                .description("Read answers rendered from the database").register(meters);
        Gauge.builder("ledger.answers.bytes", answers, a -> a.policy().eviction().map(e -> e.weightedSize().orElse(0))
                .orElse(0L)).description("Bytes of rendered answers held, stale ones included").register(meters);
    }

    /**
     * The answer for {@code key} if one was rendered at the current head: what a caller on an
     * event-loop thread may ask without blocking (else it renders on a worker, with {@link #get}).
     */
    public Optional<Answer> rendered(Object key) {
        return atHead(key, enabled ? watcher.freshHead() : -1);
    }

    /**
     * The answer for {@code key} as of the current head: the one rendered at this head, or
     * {@code render}'s (empty when there is none, which is not kept).
     */
    public Optional<Answer> get(Object key, Supplier<Optional<Answer>> render) {
        long head = enabled ? watcher.freshHead() : -1;
        Optional<Answer> cached = atHead(key, head);
        if (cached.isPresent()) {
            return cached;
        }
        rendered.increment();
        // Stamped with the head read before rendering: the answer holds at least that much, so
        // any later append (which moves the head past the stamp) retires it.
        Optional<Answer> answer = render.get();
        if (head >= 0) {
            answer.ifPresent(a -> answers.put(key, new Stamped(head, a)));
        }
        return answer;
    }

    /** The answer kept for {@code key} if it was rendered at {@code head} (-1: the head is not vouched for). */
    private Optional<Answer> atHead(Object key, long head) {
        Stamped cached = head < 0 ? null : answers.getIfPresent(key);
        if (cached == null || cached.head() != head) {
            return Optional.empty();
        }
        fromMemory.increment();
        return Optional.of(cached.answer());
    }
}
