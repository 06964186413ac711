package org.rightsledger.feed;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import org.rightsledger.access.CurrentCaller;
import org.rightsledger.http.Params;
import org.rightsledger.log.EntryJson;
import org.rightsledger.record.RecordRow;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * How partners keep a complete copy: every entry in position order, from any position on.
 * Positions are gapless and assigned in commit order, so "everything after N" never skips.
 */
@Path("/v1/feed")
public class FeedResource {

    static final int DEFAULT_LIMIT = 500;
    static final int MAX_LIMIT = 5000;
    static final int MAX_WAIT_SECONDS = 30;
    /** How often a long-poll reads a lagging replica again. */
    static final long REPLICA_POLL_MILLIS = 100;
    public static final String NDJSON = "application/x-ndjson";

    private final FeedRepository feed;
    private final HeadWatcher head;
    private final FeedStreams streams;
    private final CurrentCaller caller;

    FeedResource(FeedRepository feed, HeadWatcher head, FeedStreams streams, CurrentCaller caller) {
        this.feed = feed;
        this.head = head;
        this.streams = streams;
        this.caller = caller;
    }

    /** A page of entries after {@code after}; with {@code wait}, answers as soon as one is committed. */
    @PermitAll
    @GET
    @Blocking
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<String> page(@QueryParam("after") String after, @QueryParam("limit") String limit,
            @QueryParam("wait") String wait) {
        long from = Params.position("after", after);
        int size = Params.integer("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
        int waitSeconds = Params.integer("wait", wait, 0, 0, MAX_WAIT_SECONDS);
        boolean canReadRestricted = caller.get().canReadRestricted();
        List<RecordRow> first = feed.after(from, size, canReadRestricted);
        if (!first.isEmpty() || waitSeconds == 0) {
            return Uni.createFrom().item(page(first, from, canReadRestricted));
        }
        // Nothing yet: park without a thread until the head moves (or the wait ends), then read again.
        long deadline = System.nanoTime() + Duration.ofSeconds(waitSeconds).toNanos();
        return Uni.createFrom().completionStage(() -> head.beyond(from))
                .ifNoItem().after(Duration.ofSeconds(waitSeconds)).recoverWithItem(-1L)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .flatMap(moved -> moved < 0 ? Uni.createFrom().item(page(List.of(), from, canReadRestricted))
                        : readUntil(from, size, canReadRestricted, deadline));
    }

    /**
     * The head moved past {@code from}, but a read replica may not have those entries yet: read
     * again every {@value #REPLICA_POLL_MILLIS} ms until it has, or the wait ends. Without this a
     * long-poll against a lagging replica answered at once, empty, and its client polled in a loop.
     */
    private Uni<String> readUntil(long from, int size, boolean canReadRestricted, long deadline) {
        List<RecordRow> rows = feed.after(from, size, canReadRestricted);
        if (!rows.isEmpty() || System.nanoTime() >= deadline) {
            return Uni.createFrom().item(page(rows, from, canReadRestricted));
        }
        return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(REPLICA_POLL_MILLIS))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .flatMap(nothing -> readUntil(from, size, canReadRestricted, deadline));
    }

    /** Server-Sent Events: {@code id} = position, {@code event} = entry type, {@code data} = the entry. */
    @PermitAll
    @GET
    @Blocking
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void stream(@QueryParam("after") String after, @HeaderParam("Last-Event-ID") String lastEventId,
            @Context SseEventSink sink, @Context Sse sse) {
        // A reconnecting EventSource sends Last-Event-ID: it wins over the after of the original URL.
        long from = lastEventId != null && !lastEventId.isBlank() ? Params.position("Last-Event-ID", lastEventId.strip())
                : Params.position("after", after);
        streams.subscribe(sink, sse, from, caller.get().canReadRestricted());
    }

    /** The whole log (after {@code after}) as NDJSON, one entry per line, streamed in constant memory. */
    @PermitAll
    @GET
    @Blocking
    @Path("/export")
    @Produces(NDJSON)
    public Response export(@QueryParam("after") String after) {
        long from = Params.position("after", after);
        boolean canReadRestricted = caller.get().canReadRestricted();
        StreamingOutput body = (OutputStream out) -> {
            OutputStream buffered = new BufferedOutputStream(out, 64 * 1024);
            try {
                feed.export(from, canReadRestricted, row -> {
                    try {
                        buffered.write(row.json(canReadRestricted).getBytes(StandardCharsets.UTF_8));
                        buffered.write('\n');
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause(); // the client went away
            }
            buffered.flush();
        };
        return Response.ok(body, NDJSON).build();
    }

    private static String page(List<RecordRow> rows, long after, boolean canReadRestricted) {
        long next = rows.isEmpty() ? after : rows.get(rows.size() - 1).entry().position();
        return EntryJson.page(rows.stream().map(row -> row.json(canReadRestricted)).toList(), Long.toString(next));
    }
}
