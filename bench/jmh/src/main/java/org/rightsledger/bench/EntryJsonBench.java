package org.rightsledger.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.rightsledger.log.EntryJson;
import org.rightsledger.log.LogEntry;

/**
 * Serving entries: EntryJson.of renders one stored entry (the canonical content spliced
 * between position and hashes), EntryJson.page joins rendered entries into a page, as
 * GET /v1/records (50 by default) and GET /v1/feed do.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EntryJsonBench {

    @Param({ "50" })
    public int size;

    private LogEntry entry;
    private List<LogEntry> entries;
    private List<String> rendered;

    @Setup
    public void setUp() {
        entry = Entries.entry(1);
        entries = new ArrayList<>();
        rendered = new ArrayList<>();
        for (int i = 1; i <= size; i++) {
            entries.add(Entries.entry(i));
            rendered.add(EntryJson.of(entries.get(i - 1), Entries.DERIVED, false));
        }
    }

    /** One entry as served (GET /v1/records/{id}, one line of the export). */
    @Benchmark
    public String entry() {
        return EntryJson.of(entry, Entries.DERIVED, false);
    }

    /** EntryJson.page over entries already rendered: the join alone. */
    @Benchmark
    public String page() {
        return EntryJson.page(rendered, "\"b64cursor\"");
    }

    /** A page from stored entries: render each, then join, as RecordResource.list does. */
    @Benchmark
    public String renderPage() {
        List<String> items = new ArrayList<>(entries.size());
        for (LogEntry e : entries) {
            items.add(EntryJson.of(e, Entries.DERIVED, false));
        }
        return EntryJson.page(items, "\"b64cursor\"");
    }
}
