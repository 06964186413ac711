package org.rightsledger.feed;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.rightsledger.record.RecordRow;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The open SSE streams. No thread per client: one pump thread reads what each stream has not
 * seen yet (woken by the {@link HeadWatcher}, and at least once a second) and hands it to the
 * stream's non-blocking sink; a stream gets its next batch only after the last one was written,
 * so a slow client holds at most one batch in memory. A comment line every
 * {@code ledger.feed.heartbeat-seconds} keeps idle connections (and proxies) alive.
 */
@ApplicationScoped
public class FeedStreams {

    private static final Logger LOG = Logger.getLogger(FeedStreams.class);
    private static final int BATCH = 500;

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

    FeedStreams(FeedRepository feed, HeadWatcher head,
            @ConfigProperty(name = "ledger.feed.heartbeat-seconds", defaultValue = "15") long heartbeatSeconds) {
        this.feed = feed;
        this.head = head;
        this.heartbeatSeconds = heartbeatSeconds;
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

    void stop(@Observes ShutdownEvent stop) {
        pump.shutdownNow();
        streams.forEach(stream -> stream.sink.close());
    }

    public void subscribe(SseEventSink sink, Sse sse, long after, boolean canReadRestricted) {
        streams.add(new Stream(sink, sse, after, canReadRestricted));
        // A first comment commits the response headers at once, so clients know they are connected.
        sink.send(sse.newEventBuilder().comment("rights-ledger feed after " + after).build());
        wake();
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
        long known = head.head();
        for (Stream stream : streams) {
            if (stream.sink.isClosed()) {
                streams.remove(stream);
            } else if (stream.cursor < known && stream.sending.compareAndSet(false, true)) {
                try {
                    send(stream);
                } catch (RuntimeException e) {
                    LOG.warnf("closing a feed stream: %s", e.getMessage());
                    close(stream);
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
