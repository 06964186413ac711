package org.rightsledger.webhook;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The {@code ledger.webhooks.*} settings (environment: {@code LEDGER_WEBHOOKS_*}). */
@ApplicationScoped
public class WebhookConfig {

    static final int MAX_BATCH = 1000;

    private final TargetPolicy policy;
    private final Duration retryInitial;
    private final Duration retryMax;
    private final Duration pauseAfter;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration totalTimeout;
    private final int concurrency;
    private final int batchSize;
    private final int maxPerKey;

    WebhookConfig(
            @ConfigProperty(name = "ledger.webhooks.allow-private-targets", defaultValue = "false") boolean allowPrivate,
            @ConfigProperty(name = "ledger.webhooks.retry-initial", defaultValue = "5S") Duration retryInitial,
            @ConfigProperty(name = "ledger.webhooks.retry-max", defaultValue = "1H") Duration retryMax,
            @ConfigProperty(name = "ledger.webhooks.pause-after", defaultValue = "72H") Duration pauseAfter,
            @ConfigProperty(name = "ledger.webhooks.connect-timeout", defaultValue = "5S") Duration connectTimeout,
            @ConfigProperty(name = "ledger.webhooks.read-timeout", defaultValue = "10S") Duration readTimeout,
            @ConfigProperty(name = "ledger.webhooks.concurrency", defaultValue = "4") int concurrency,
            @ConfigProperty(name = "ledger.webhooks.batch-size", defaultValue = "100") int batchSize,
            @ConfigProperty(name = "ledger.webhooks.max-per-key", defaultValue = "100") int maxPerKey) {
        this.policy = TargetPolicy.system(allowPrivate);
        this.retryInitial = retryInitial;
        this.retryMax = retryMax;
        this.pauseAfter = pauseAfter;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        // A slow drip of bytes must not hold a worker for long either.
        this.totalTimeout = connectTimeout.plus(readTimeout).plus(readTimeout);
        this.concurrency = Math.max(1, concurrency);
        this.batchSize = Math.max(1, Math.min(batchSize, MAX_BATCH));
        this.maxPerKey = maxPerKey;
    }

    public TargetPolicy policy() {
        return policy;
    }

    Duration retryInitial() {
        return retryInitial;
    }

    Duration retryMax() {
        return retryMax;
    }

    Duration pauseAfter() {
        return pauseAfter;
    }

    Duration connectTimeout() {
        return connectTimeout;
    }

    Duration readTimeout() {
        return readTimeout;
    }

    Duration totalTimeout() {
        return totalTimeout;
    }

    int concurrency() {
        return concurrency;
    }

    int batchSize() {
        return batchSize;
    }

    int maxPerKey() {
        return maxPerKey;
    }
}
