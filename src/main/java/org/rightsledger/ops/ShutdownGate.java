package org.rightsledger.ops;

import java.time.Duration;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;

/**
 * Stops taking API requests once shutdown has begun (after {@code quarkus.shutdown.delay}, during
 * which readiness is DOWN and requests are still served, so that load balancers can move away).
 * Quarkus itself would go on handling new requests while it waits for the in-flight ones, so under
 * steady load it might never see them all done, and would then close connections with requests
 * half-handled. A request turned away (by {@code http.Edge}) gets a 503 problem with
 * {@code Connection: close}; nothing of it is stored, and retrying it (on another instance) is safe.
 */
@ApplicationScoped
public class ShutdownGate {

    private static final Logger LOG = Logger.getLogger(ShutdownGate.class);

    private final Duration delay;
    /** System.nanoTime() from which requests are refused; only meaningful once {@link #closing} is set. */
    private volatile long closesAt;
    private volatile boolean closing;

    ShutdownGate(@ConfigProperty(name = "quarkus.shutdown.delay") Optional<Duration> delay) {
        this.delay = delay.orElse(Duration.ZERO);
    }

    /** First of the shutdown observers: from here on, nothing new is taken (after the delay). */
    void close(@Observes @Priority(1) ShutdownDelayInitiatedEvent shutdown) {
        closesAt = System.nanoTime() + delay.toNanos();
        closing = true;
        LOG.infof("shutting down: API requests are refused with 503 %s", delay.isZero() ? "from now on" : "after " + delay);
    }

    public boolean closed() {
        return closing && System.nanoTime() - closesAt >= 0;
    }
}
