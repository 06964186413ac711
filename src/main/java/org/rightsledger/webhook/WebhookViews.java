package org.rightsledger.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.rightsledger.webhook.Webhooks.Attempt;
import org.rightsledger.webhook.Webhooks.Subscription;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What the API shows of webhooks: never the secret, except once, when it is created. */
final class WebhookViews {

    private WebhookViews() {
    }

    /**
     * A subscription. {@code after}: every entry up to this position was acknowledged (or is not
     * of the subscribed types). {@code status}: {@code active}, {@code retrying} (the last
     * attempt failed; {@code nextAttemptAt} says when it is retried) or {@code paused}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Webhook(UUID id, String url, List<String> types, long after, String status, Instant createdAt,
            Instant failingSince, Integer failures, Instant nextAttemptAt, Instant pausedAt, String lastError,
            String secret) {
    }

    static Webhook of(Subscription s) {
        return of(s, null);
    }

    static Webhook of(Subscription s, String secret) {
        String status = s.pausedAt() != null ? "paused" : s.failures() > 0 ? "retrying" : "active";
        return new Webhook(s.id(), s.url(), s.types(), s.cursor(), status, s.createdAt(), s.failingSince(),
                s.failures() > 0 ? s.failures() : null, s.nextAttemptAt(), s.pausedAt(), s.lastError(), secret);
    }

    record WebhookList(List<Webhook> items) {
    }

    /** One delivery attempt: {@code status} when an HTTP answer came, else {@code error}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Delivery(String messageId, long position, long lastPosition, int entries, Instant attemptedAt,
            int durationMs, Integer status, String error, Instant nextRetryAt) {

        static Delivery of(Attempt a) {
            return new Delivery(a.messageId(), a.firstPosition(), a.lastPosition(), a.entries(), a.attemptedAt(),
                    a.durationMs(), a.status(), a.error(), a.nextRetryAt());
        }
    }

    record DeliveryList(List<Delivery> items) {
    }
}
