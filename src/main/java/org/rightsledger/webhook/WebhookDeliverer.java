package org.rightsledger.webhook;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.rightsledger.feed.FeedRepository;
import org.rightsledger.feed.HeadWatcher;
import org.rightsledger.ops.DatabaseOutage;
import org.rightsledger.record.RecordRow;
import org.rightsledger.webhook.Webhooks.Attempt;
import org.rightsledger.webhook.Webhooks.Subscription;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Delivers new entries to every live webhook, in position order, at least once. Woken by the
 * {@link HeadWatcher} (when the head moves, and once a second), it asks PostgreSQL which
 * subscriptions are behind and due, and hands each to a worker. A worker takes the
 * subscription's advisory lock (one deliverer per subscription across replicas; the lock goes
 * with the session if a replica dies), re-reads its cursor, POSTs the next entries and moves
 * the cursor only after a 2xx. The range under way is stored before it is sent, so a retry —
 * after a failure, a restart or on another replica — sends the same entries with the same
 * {@code webhook-id}. Failures back off exponentially with jitter; a subscription that has
 * failed for {@code pause-after} is paused until its owner resumes it.
 */
@ApplicationScoped
public class WebhookDeliverer {

    private static final Logger LOG = Logger.getLogger(WebhookDeliverer.class);
    /** Advisory locks of webhooks live in their own key space: 'wh' in the high 16 bits. */
    private static final long LOCK_SPACE = 0x7768L << 48;
    /** Deliveries one worker makes for a subscription before it lets others have a turn. */
    private static final int ROUNDS_PER_TURN = 20;

    private final Webhooks webhooks;
    private final FeedRepository feed;
    private final HeadWatcher head;
    private final WebhookMetrics metrics;
    private final WebhookConfig config;
    private final WebhookClient client;
    private final ExecutorService dispatcher = Executors.newSingleThreadExecutor(r -> thread(r, "ledger-webhooks"));
    private final ExecutorService workers;
    private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean dispatchQueued = new AtomicBoolean();
    private volatile boolean closing;

    WebhookDeliverer(Webhooks webhooks, FeedRepository feed, HeadWatcher head, WebhookMetrics metrics,
            WebhookConfig config) {
        this.webhooks = webhooks;
        this.feed = feed;
        this.head = head;
        this.metrics = metrics;
        this.config = config;
        this.client = new WebhookClient(config.policy(), config.connectTimeout(), config.readTimeout(),
                config.totalTimeout(), config.concurrency());
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(config.concurrency(),
                r -> thread(r, "ledger-webhook-" + n.incrementAndGet()));
    }

    private static Thread thread(Runnable r, String name) {
        Thread thread = new Thread(r, name);
        thread.setDaemon(true);
        return thread;
    }

    void start(@Observes StartupEvent start) {
        head.onTick(this::wake);
    }

    void closing(@Observes ShutdownDelayInitiatedEvent shutdown) {
        closing = true;
    }

    void stop(@Observes ShutdownEvent stop) {
        closing = true;
        dispatcher.shutdownNow();
        workers.shutdownNow();
        try {
            client.close();
        } catch (Exception e) {
            // exiting
        }
    }

    /** Look for work now (the head moved, a webhook was created or resumed, or a second passed). */
    public void wake() {
        if (!closing && dispatchQueued.compareAndSet(false, true)) {
            try {
                dispatcher.execute(this::dispatch);
            } catch (RejectedExecutionException e) {
                dispatchQueued.set(false);
            }
        }
    }

    private void dispatch() {
        dispatchQueued.set(false);
        List<Webhooks.Live> live;
        try {
            live = webhooks.live();
        } catch (RuntimeException e) {
            if (!DatabaseOutage.causedBy(e)) {
                LOG.warnf("webhooks: could not read subscriptions: %s", e.getMessage());
            }
            return;
        }
        metrics.lags(live);
        for (Webhooks.Live subscription : live) {
            if (subscription.due() && !closing && inFlight.add(subscription.id())) {
                try {
                    workers.execute(() -> {
                        try {
                            deliver(subscription.id());
                        } finally {
                            inFlight.remove(subscription.id());
                        }
                    });
                } catch (RejectedExecutionException e) {
                    inFlight.remove(subscription.id());
                }
            }
        }
    }

    /** One turn for one subscription, under its advisory lock. */
    void deliver(UUID id) {
        long lock = lockKey(id);
        try (Connection c = webhooks.dataSource().getConnection()) {
            if (!advisory(c, "SELECT pg_try_advisory_lock(?)", lock)) {
                return; // another replica (or worker) is delivering it
            }
            try {
                for (int round = 0; round < ROUNDS_PER_TURN && !closing; round++) {
                    if (!deliverNext(c, id)) {
                        break;
                    }
                }
            } finally {
                advisory(c, "SELECT pg_advisory_unlock(?)", lock);
            }
        } catch (SQLException | RuntimeException e) {
            if (!DatabaseOutage.causedBy(e)) {
                LOG.warnf(e, "webhook %s: delivery interrupted; it will be retried", id);
            }
        }
    }

    /** The subscription's advisory lock (two subscriptions sharing one only take turns). */
    static long lockKey(UUID id) {
        return LOCK_SPACE ^ ((id.getMostSignificantBits() ^ id.getLeastSignificantBits()) >>> 16);
    }

    private static boolean advisory(Connection c, String sql, long key) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setLong(1, key);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    /** @return true when the cursor moved and there may be more to deliver */
    private boolean deliverNext(Connection c, UUID id) throws SQLException {
        Webhooks.Due due = Webhooks.due(c, id).orElse(null);
        if (due == null) {
            return false;
        }
        Subscription s = due.subscription();
        long from = s.cursor();
        // A pending range is re-read whole, even if batch-size was lowered since (it is at most 1000).
        int limit = s.pendingTo() != null ? (int) Math.min(s.pendingTo() - from, WebhookConfig.MAX_BATCH)
                : config.batchSize();
        List<RecordRow> rows = feed.after(from, limit, due.canReadRestricted());
        if (rows.isEmpty()) {
            return false;
        }
        long to = rows.get(rows.size() - 1).entry().position();
        if (s.pendingTo() != null && to < s.pendingTo()) {
            return false; // a replica that has not caught up yet: retry on the next tick
        }
        List<RecordRow> sent = rows.stream().filter(row -> s.wants(row.entry().type())).toList();
        if (sent.isEmpty()) {
            Webhooks.advance(c, id, from, to); // nothing of the subscribed types in this range
            return true;
        }
        if (s.pendingTo() == null) {
            Webhooks.pending(c, id, to);
        }
        long first = sent.get(0).entry().position();
        long last = sent.get(sent.size() - 1).entry().position();
        String messageId = messageId(id, first, last);
        byte[] body = body(sent, due.canReadRestricted()).getBytes(StandardCharsets.UTF_8);
        Instant attemptedAt = Instant.now();
        long timestamp = attemptedAt.getEpochSecond();
        URI url = URI.create(s.url());
        long started = System.nanoTime();
        WebhookClient.Outcome outcome = client.post(url, messageId, timestamp,
                Signature.sign(s.secret(), messageId, timestamp, body), body);
        int millis = (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - started) / 1_000_000);
        if (outcome.acknowledged()) {
            Webhooks.advance(c, id, from, to);
            Webhooks.record(c, id, new Attempt(messageId, first, last, sent.size(), attemptedAt, millis,
                    outcome.status(), null, null));
            metrics.delivered(id, sent.size());
            return true;
        }
        String error = outcome.status() != 0 ? "HTTP " + outcome.status() : outcome.error();
        int failures = s.failures() + 1;
        Instant now = Instant.now();
        Instant failingSince = s.failingSince() != null ? s.failingSince() : attemptedAt;
        boolean pause = !failingSince.plus(config.pauseAfter()).isAfter(now);
        Instant next = pause ? null : now.plus(backoff(failures, config.retryInitial(), config.retryMax()));
        Webhooks.failed(c, id, failingSince, failures, next, pause ? now : null, error);
        Webhooks.record(c, id, new Attempt(messageId, first, last, sent.size(), attemptedAt, millis,
                outcome.status() == 0 ? null : outcome.status(), outcome.status() == 0 ? error : null, next));
        metrics.failed(id);
        if (pause) {
            LOG.warnf("webhook %s paused: deliveries have failed since %s (last: %s)", id, failingSince, error);
        }
        return false;
    }

    /** Stable for a subscription and a range of positions, so receivers can drop repeats. */
    static String messageId(UUID webhook, long first, long last) {
        String id = "msg_" + webhook.toString().replace("-", "") + "_" + first;
        return first == last ? id : id + "-" + last;
    }

    /** One entry as the feed serves it to the key, or {@code {"entries": […]}} for several. */
    static String body(List<RecordRow> rows, boolean canReadRestricted) {
        if (rows.size() == 1) {
            return rows.get(0).json(canReadRestricted);
        }
        StringBuilder body = new StringBuilder("{\"entries\":[");
        for (int i = 0; i < rows.size(); i++) {
            body.append(i == 0 ? "" : ",").append(rows.get(i).json(canReadRestricted));
        }
        return body.append("]}").toString();
    }

    /**
     * Exponential backoff with "equal jitter": the n-th consecutive failure waits between half
     * and all of min(max, initial × 2^(n-1)), so that many failing subscriptions spread out.
     */
    static Duration backoff(int failures, Duration initial, Duration max) {
        long ceiling = initial.toMillis();
        for (int i = 1; i < failures && ceiling < max.toMillis(); i++) {
            ceiling *= 2;
        }
        ceiling = Math.max(1, Math.min(ceiling, max.toMillis()));
        long half = ceiling / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(ceiling - half + 1));
    }
}
