package org.rightsledger.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.rightsledger.log.Chain;
import org.rightsledger.log.LogEntry;

/** The fixtures: a fine like the one bench/run posts, as the service builds and stores it. */
final class Entries {

    /** The content as the append path gets it (field order of the record, before RFC 8785). */
    static final String CONTENT = """
            {"type":"fine","occurredOn":"2025-02-19","approximate":false,"country":"KZ","place":"Almaty",\
            "summary":"A participant of a peaceful rally was fined 393,000 tenge by a district court for taking part in an unsanctioned assembly.",\
            "language":"en","actors":[{"actorId":"3a852ea8-28bc-425d-9666-92a36dded718","role":"fined"},\
            {"actorId":"d6a6f97a-976c-4948-a798-2e8fb23a7c08","role":"court"}],\
            "caseId":"69458edb-e44d-4980-b6c7-510d3c3230de","tags":["freedom-of-assembly","bench"],\
            "sources":[{"url":"https://example.org/bench/report","publisher":"Bench Monitor","title":"Monthly monitoring report","publishedOn":"2025-03"}],\
            "confidentiality":"public",\
            "details":{"amount":{"amount":"393000","currency":"KZT"},"reportedUsd":{"amount":"780","currency":"USD"},\
            "issuedBy":"Almaty district court","legalBasis":"Article 488 of the Code of Administrative Offences"},\
            "id":"5d359720-cc90-4e49-a3ff-a105399db47b","recordedAt":"2026-11-22T00:57:35.003Z","recordedBy":"bench"}""";

    static final String CANONICAL = Chain.canonicalize(CONTENT);

    static final String DERIVED = "{\"usdEquivalent\":{\"amount\":\"780.00\",\"currency\":\"USD\",\"rateDate\":\"2025-02-19\"}}";

    static LogEntry entry(long position) {
        byte[] contentHash = Chain.contentHash(CANONICAL);
        byte[] hash = Chain.entryHash(position, Chain.sha256().digest(Long.toString(position).getBytes(StandardCharsets.UTF_8)),
                contentHash);
        return new LogEntry(position, UUID.fromString("5d359720-cc90-4e49-a3ff-a105399db47b"), "fine", CANONICAL,
                contentHash, hash, false, Instant.parse("2026-11-22T00:57:35.003Z"));
    }

    private Entries() {
    }
}
