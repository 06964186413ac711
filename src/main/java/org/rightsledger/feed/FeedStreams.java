package org.rightsledger.feed;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.rightsledger.ops.DatabaseOutage;
import org.rightsledger.record.RecordRow;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The open SSE streams. No thread per client: one pump thread reads what each stream has not
 * seen yet (woken by the {@link HeadWatcher}, and at least once a second) and hands it to the
 * stream's non-blocking sink; a stream gets its next batch only after the last one was written,
 * so a slow client holds at most one batch in memory. A comment line every
 * {@code ledger.feed.heartbeat-seconds} keeps idle connections (and proxies) alive. When the
 * service shuts down, every stream gets a last {@code event: shutdown} and is closed, so that
 * clients know to reconnect (with Last-Event-ID) elsewhere instead of seeing a cut connection.
 */
@ApplicationScoped
public class FeedStreams {

    private static final Logger LOG = Logger.getLogger(FeedStreams.class);
    private static final int BATCH = 500;
    /** How long shutdown waits for the farewell events to be written before it goes on. */
    private static final long FAREWELL_MILLIS = 5000;
    /** What an EventSource waits before reconnecting after the farewell (SSE {@code retry:}). */
    private static final long RECONNECT_MILLIS = 2000;

    private final FeedRepository feed;
    private final HeadWatcher head;
    private final long heartbeatSeconds;
    private final Queue<Stream> streams = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService pump = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "ledger-feed-pump");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean pumpQueued = new AtomicBoolean();
    private volatile boolean closing;

    FeedStreams(FeedRepository feed, HeadWatcher head,
            @ConfigProperty(name = "ledger.feed.heartbeat-seconds", defaultValue = "15") long heartbeatSeconds,
            MeterRegistry metrics) {
        this.feed = feed;
        this.head = head;
        this.heartbeatSeconds = heartbeatSeconds;
        Gauge.builder("ledger.feed.streams.open", streams, Queue::size)
                .description("Open SSE feed streams (/v1/feed/stream)").register(metrics);
        Gauge.builder("ledger.feed.stream.lag", this, FeedStreams::maxLag).baseUnit("entries")
                .description("Entries the furthest-behind open stream has yet to be sent: head position minus the "
                        + "position last sent")
                .register(metrics);
    }

    private double maxLag() {
        long known = head.head();
        long lag = 0;
        for (Stream stream : streams) {
            lag = Math.max(lag, known - stream.cursor);
        }
        return lag;
    }

    private static final class Stream {
        final SseEventSink sink;
        final Sse sse;
        final boolean canReadRestricted;
        volatile long cursor;
        final AtomicBoolean sending = new AtomicBoolean();

        Stream(SseEventSink sink, Sse sse, long cursor, boolean canReadRestricted) {
            this.sink = sink;
            this.sse = sse;
            this.cursor = cursor;
            this.canReadRestricted = canReadRestricted;
        }
    }

    void start(@Observes StartupEvent start) {
        head.onTick(this::wake);
        pump.scheduleAtFixedRate(this::heartbeat, heartbeatSeconds, heartbeatSeconds, TimeUnit.SECONDS);
    }

    /**
     * Shutdown began (before Quarkus waits for open requests, which a stream would hold up to the
     * shutdown timeout): no more batches; each stream gets {@code event: shutdown} after what was
     * already sent, then ends. Runs on the pump thread, so no batch is half-sent.
     */
    void farewell(@Observes ShutdownDelayInitiatedEvent shutdown) {
        closing = true;
        try {
            CompletableFuture.runAsync(() -> streams.forEach(this::farewell), pump)
                    .get(FAREWELL_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | TimeoutException
                | java.util.concurrent.RejectedExecutionException e) {
            LOG.warnf("not every feed stream got its shutdown event: %s", e.getMessage());
        }
    }

    void stop(@Observes ShutdownEvent stop) {
        pump.shutdownNow();
        streams.forEach(stream -> stream.sink.close());
    }

    public void subscribe(SseEventSink sink, Sse sse, long after, boolean canReadRestricted) {
        Stream stream = new Stream(sink, sse, after, canReadRestricted);
        if (closing) {
            farewell(stream);
            return;
        }
        streams.add(stream);
        // A first comment commits the response headers at once, so clients know they are connected.
        sink.send(sse.newEventBuilder().comment("rights-ledger feed after " + after).build());
        wake();
    }

    /** The last event of a stream: no id (Last-Event-ID stays the last entry's), then the end. */
    private void farewell(Stream stream) {
        streams.remove(stream);
        if (stream.sink.isClosed()) {
            return;
        }
        OutboundSseEvent bye = stream.sse.newEventBuilder().name("shutdown").reconnectDelay(RECONNECT_MILLIS)
                .data(String.class, "{\"after\":" + stream.cursor + "}").build();
        try {
            stream.sink.send(bye).whenComplete((ok, failure) -> close(stream));
        } catch (RuntimeException gone) {
            close(stream); // the client left meanwhile
        }
    }

    private void wake() {
        if (pumpQueued.compareAndSet(false, true)) {
            try {
                pump.execute(this::deliver);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                pumpQueued.set(false); // shutting down
            }
        }
    }

    private void deliver() {
        pumpQueued.set(false);
        if (closing) {
            return;
        }
        long known = head.head();
        for (Stream stream : streams) {
            if (stream.sink.isClosed()) {
                streams.remove(stream);
            } else if (stream.cursor < known && stream.sending.compareAndSet(false, true)) {
                try {
                    send(stream);
                } catch (RuntimeException e) {
                    if (DatabaseOutage.causedBy(e)) {
                        // The stream waits for the database like a long-poll does; the next tick tries again.
                        stream.sending.set(false);
                    } else {
                        LOG.warnf("closing a feed stream: %s", e.getMessage());
                        close(stream);
                    }
                }
            }
        }
    }

    private void send(Stream stream) {
        List<RecordRow> rows = feed.after(stream.cursor, BATCH, stream.canReadRestricted);
        if (rows.isEmpty()) {
            stream.sending.set(false);
            return;
        }
        CompletionStage<?> written = CompletableFuture.completedFuture(null);
        for (RecordRow row : rows) {
            OutboundSseEvent event = stream.sse.newEventBuilder()
                    .id(Long.toString(row.entry().position()))
                    .name(row.entry().type())
                    .data(String.class, row.json(stream.canReadRestricted))
                    .build();
            written = stream.sink.send(event);
        }
        stream.cursor = rows.get(rows.size() - 1).entry().position();
        written.whenComplete((ok, failure) -> {
            stream.sending.set(false);
            if (failure != null) {
                close(stream);
            } else if (rows.size() == BATCH) {
                wake(); // more to catch up on
            }
        });
    }

    private void heartbeat() {
        for (Stream stream : streams) {
            if (stream.sink.isClosed()) {
                streams.remove(stream);
            } else {
                stream.sink.send(stream.sse.newEventBuilder().comment("heartbeat").build())
                        .whenComplete((ok, failure) -> {
                            if (failure != null) {
                                close(stream);
                            }
                        });
            }
        }
    }

    private void close(Stream stream) {
        streams.remove(stream);
        try {
            stream.sink.close();
        } catch (RuntimeException e) {
            // already gone
        }
    }
}
