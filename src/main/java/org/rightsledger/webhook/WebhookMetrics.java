package org.rightsledger.webhook;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Per subscription (tag {@code webhook}): entries delivered, failed attempts, and the lag
 * (head position minus the subscription's cursor) as this replica last read it. Gauges of
 * subscriptions that are gone (deleted, paused, key revoked) are removed.
 */
@ApplicationScoped
public class WebhookMetrics {

    private final MeterRegistry registry;
    private final Map<UUID, AtomicLong> lags = new ConcurrentHashMap<>();
    private final Map<UUID, Gauge> gauges = new ConcurrentHashMap<>();

    WebhookMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("ledger.webhooks.live", lags, Map::size)
                .description("Webhook subscriptions being delivered (not paused, key not revoked)").register(registry);
    }

    void delivered(UUID webhook, int entries) {
        Counter.builder("ledger.webhooks.deliveries").tag("webhook", webhook.toString()).tag("outcome", "delivered")
                .description("Webhook deliveries by outcome").register(registry).increment();
        Counter.builder("ledger.webhooks.entries.delivered").tag("webhook", webhook.toString())
                .description("Entries acknowledged by the webhook's receiver").register(registry).increment(entries);
    }

    void failed(UUID webhook) {
        Counter.builder("ledger.webhooks.deliveries").tag("webhook", webhook.toString()).tag("outcome", "failed")
                .description("Webhook deliveries by outcome").register(registry).increment();
    }

    void lags(List<Webhooks.Live> live) {
        Map<UUID, Long> now = new ConcurrentHashMap<>();
        live.forEach(l -> now.put(l.id(), Math.max(0, l.head() - l.cursor())));
        now.forEach((id, lag) -> lags.computeIfAbsent(id, this::register).set(lag));
        for (UUID gone : lags.keySet()) {
            if (!now.containsKey(gone)) {
                lags.remove(gone);
                Gauge gauge = gauges.remove(gone);
                if (gauge != null) {
                    registry.remove(gauge);
                }
            }
        }
    }

    private AtomicLong register(UUID id) {
        AtomicLong lag = new AtomicLong();
        gauges.put(id, Gauge.builder("ledger.webhooks.lag", lag, AtomicLong::get).tag("webhook", id.toString())
                .baseUnit("entries").description("Entries the webhook's receiver has yet to acknowledge")
                .register(registry));
        return lag;
    }
}
