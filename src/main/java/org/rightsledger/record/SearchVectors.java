package org.rightsledger.record;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.rightsledger.ledger.LedgerUnavailable;
import org.rightsledger.record.RecordRepository.Projection;

/**
 * The search vectors and fine rates of single appends, found for every writer waiting at once in
 * one query ({@link RecordRepository#searchVectors}), the way the group commit writes them: a
 * statement, a pooled connection and a round trip per group of concurrent writers instead of per
 * record. Units of more than one record (batches) are a group already and run their own query.
 */
@ApplicationScoped
public class SearchVectors {

    /** Records parsed in one query at most. */
    static final int MAX_GROUP = 256;

    private record Waiting(Projection projection, CompletableFuture<Projection> answer) {
    }

    private final RecordRepository records;
    private final BlockingQueue<Waiting> queue = new LinkedBlockingQueue<>();
    private Thread parser;
    private volatile boolean closed;

    SearchVectors(RecordRepository records) {
        this.records = records;
    }

    @PostConstruct
    void start() {
        parser = new Thread(this::run, "ledger-search-vectors");
        parser.setDaemon(true);
        parser.start();
    }

    @PreDestroy
    void stop() {
        closed = true;
        parser.interrupt();
    }

    /** The projections with their search vectors and, {@code withRates}, their fines' rates. */
    public List<Projection> of(List<Projection> projections, boolean withRates) {
        if (projections.size() != 1 || !withRates || closed) {
            return records.searchVectors(projections, withRates);
        }
        Waiting waiting = new Waiting(projections.get(0), new CompletableFuture<>());
        queue.add(waiting);
        if (closed && queue.remove(waiting)) {
            return records.searchVectors(projections, true); // queued after the parser's last group
        }
        try {
            return List.of(waiting.answer().get());
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException problem ? problem : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerUnavailable("the request was interrupted before its append");
        }
    }

    private void run() {
        List<Waiting> group = new ArrayList<>(MAX_GROUP);
        while (!closed) {
            try {
                group.add(queue.take());
            } catch (InterruptedException e) {
                break;
            }
            queue.drainTo(group, MAX_GROUP - 1);
            try {
                List<Projection> found = records.searchVectors(group.stream().map(Waiting::projection).toList(), true);
                for (int i = 0; i < group.size(); i++) {
                    group.get(i).answer().complete(found.get(i));
                }
            } catch (RuntimeException e) { // each writer is answered with the failure; the parser goes on
                group.forEach(waiting -> waiting.answer().completeExceptionally(e));
            }
            group.clear();
        }
        List<Waiting> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(waiting -> waiting.answer().completeExceptionally(new LedgerUnavailable("the service is shutting down")));
    }
}
