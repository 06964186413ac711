package org.rightsledger.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * POSTs signed webhook messages. It connects only to addresses the {@link TargetPolicy} let
 * through when the connection is made (its DNS resolver is the policy's check, so a name that
 * resolves elsewhere between creation and delivery is refused); follows no redirect, retries
 * nothing itself (the deliverer does, with backoff), times out connects and reads, gives a
 * whole exchange at most {@code total} and reads at most {@value #MAX_RESPONSE_BYTES} bytes of
 * an answer.
 */
final class WebhookClient implements AutoCloseable {

    static final int MAX_RESPONSE_BYTES = 64 * 1024;
    private static final String USER_AGENT = "rights-ledger-webhooks/1";

    /** What came of one POST: an HTTP status, or the reason none came (status 0). */
    record Outcome(int status, String error) {
        boolean acknowledged() {
            return status >= 200 && status < 300;
        }
    }

    /** An address the policy refused, reported as a failed lookup so that nothing connects. */
    private static final class RefusedAddress extends UnknownHostException {
        RefusedAddress(String message) {
            super(message);
        }
    }

    private final CloseableHttpClient http;
    private final Duration total;
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "ledger-webhook-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    WebhookClient(TargetPolicy policy, Duration connect, Duration read, Duration total, int connections) {
        this.total = total;
        DnsResolver checked = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                try {
                    return policy.addresses(host);
                } catch (TargetPolicy.Refused refused) {
                    throw new RefusedAddress(refused.getMessage());
                }
            }

            @Override
            public String resolveCanonicalHostname(String host) throws UnknownHostException {
                return host; // never used for connecting; no reverse lookups
            }
        };
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(checked)
                        .setMaxConnTotal(connections)
                        .setMaxConnPerRoute(connections)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(connect))
                                .setSocketTimeout(Timeout.of(read))
                                // A kept-alive connection is not re-checked: keep it briefly.
                                .setTimeToLive(Timeout.ofSeconds(30))
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(read))
                        .setConnectionRequestTimeout(Timeout.of(connect))
                        .setRedirectsEnabled(false)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent(USER_AGENT)
                .build();
    }

    /** POSTs the body with the Standard Webhooks headers. Never throws for a failed delivery. */
    Outcome post(URI url, String messageId, long timestamp, String signature, byte[] body) {
        HttpPost post = new HttpPost(url);
        post.setHeader("webhook-id", messageId);
        post.setHeader("webhook-timestamp", Long.toString(timestamp));
        post.setHeader("webhook-signature", signature);
        post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
        ScheduledFuture<?> deadline = deadlines.schedule(post::cancel, total.toMillis(), TimeUnit.MILLISECONDS);
        ClassicHttpResponse response = null;
        try {
            response = http.executeOpen(null, post, null);
            int status = response.getCode();
            if (!readAtMost(response.getEntity())) {
                post.cancel(); // drops the connection: closing the stream would read the rest of the answer
            }
            return new Outcome(status, null);
        } catch (RefusedAddress refused) {
            return new Outcome(0, "refused: " + refused.getMessage());
        } catch (UnknownHostException e) {
            return new Outcome(0, "host does not resolve: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            if (post.isCancelled()) {
                return new Outcome(0, "no answer within " + total.toSeconds() + " s");
            }
            return new Outcome(0, describe(e));
        } finally {
            deadline.cancel(false);
            if (response != null) {
                try {
                    response.close();
                } catch (IOException | RuntimeException e) {
                    // the connection is gone either way
                }
            }
        }
    }

    /** Reads (and drops) the answer's body up to MAX_RESPONSE_BYTES; false when there was more. */
    private static boolean readAtMost(HttpEntity entity) throws IOException {
        if (entity == null) {
            return true;
        }
        InputStream in = entity.getContent();
        byte[] buffer = new byte[8192];
        int read = 0;
        while (read <= MAX_RESPONSE_BYTES) {
            int n = in.read(buffer, 0, buffer.length);
            if (n < 0) {
                return true;
            }
            read += n;
        }
        return false;
    }

    private static String describe(Exception e) {
        String kind = e.getClass().getSimpleName();
        String message = e.getMessage();
        return message == null ? kind : kind + ": " + (message.length() > 300 ? message.substring(0, 300) : message);
    }

    @Override
    public void close() throws IOException {
        deadlines.shutdownNow();
        http.close();
    }
}
