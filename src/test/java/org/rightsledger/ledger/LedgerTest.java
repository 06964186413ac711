package org.rightsledger.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rightsledger.ledger.IdempotencyClaims.NewClaim;
import org.rightsledger.ledger.Ledger.Appended;
import org.rightsledger.log.LogEntry;
import org.rightsledger.support.ChainCheck;
import org.rightsledger.support.HeldHead;
import org.rightsledger.support.RefusedCommit;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The ledger, called directly: units of appends with their projection rows, guards and
 * Idempotency-Key claims, written in group commits against the real database. The projection
 * here is a table of notes, one per entry, each note unique; its guard is "this note is free".
 */
@QuarkusTest
class LedgerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One note per entry; a note is unique, so a second one is an integrity violation. */
    private static final Append.Table<Note> NOTES = LedgerTest::insertNotes;

    private record Note(UUID entryId, String note) {
    }

    /** "No entry has this note yet", checked under the head lock. */
    private static final Guard.Rule<String> NOTE_FREE = new Guard.Rule<>() {

        @Override
        public Object key(String note) {
            return note;
        }

        @Override
        public Pipeline.Step allHold(List<String> notes) {
            return new Pipeline.Step("SELECT NOT EXISTS (SELECT 1 FROM ledger_test_note WHERE note = ANY (?))",
                    (statement, first) -> {
                        statement.setArray(first, statement.getConnection().createArrayOf("text", notes.toArray()));
                        return first + 1;
                    });
        }

        @Override
        public Optional<RuntimeException> refusal(Connection transaction, String note) throws SQLException {
            try (PreparedStatement query = transaction.prepareStatement("SELECT 1 FROM ledger_test_note WHERE note = ?")) {
                query.setString(1, note);
                try (ResultSet found = query.executeQuery()) {
                    return found.next() ? Optional.of(new NoteTaken(note)) : Optional.empty();
                }
            }
        }
    };

    static final class NoteTaken extends RuntimeException {
        NoteTaken(String note) {
            super("note " + note + " is taken");
        }
    }

    @Inject
    Ledger ledger;

    @Inject
    DataSource dataSource;

    private final ExecutorService writers = Executors.newCachedThreadPool();

    @BeforeEach
    void createNotes() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement ddl = c.createStatement()) {
            ddl.execute("""
                    CREATE TABLE IF NOT EXISTS ledger_test_note (
                        position bigint PRIMARY KEY REFERENCES log_entry (position),
                        note     text   NOT NULL UNIQUE)""");
        }
    }

    @AfterEach
    void stopWriters() {
        writers.shutdownNow();
    }

    @Test
    void aUnitIsAppendedAtConsecutivePositionsWithItsRows() throws Exception {
        long before = head();
        String a = note();
        String b = note();
        String c = note();
        Appended appended = ledger.append(List.of(append(a), append(b), append(c)));

        assertFalse(appended.replayed());
        List<Long> positions = appended.entries().stream().map(LogEntry::position).toList();
        assertEquals(List.of(before + 1, before + 2, before + 3), positions);
        assertEquals(List.of(a, b, c), notesAfter(before));
        assertEquals(headHash(), ChainCheck.verifyStoredLog(dataSource));
    }

    @Test
    void aUnitIsAllOrNothing() throws Exception {
        long before = head();
        String twice = note();
        LedgerConflict refused = assertThrows(LedgerConflict.class,
                () -> ledger.append(List.of(append(note()), append(twice), append(twice))));

        assertTrue(refused.uniqueViolation(), refused.getMessage());
        assertEquals(before, head(), "nothing of the unit was appended");
        assertEquals(List.of(), notesAfter(before));
    }

    @Test
    void oneFailingUnitOfAGroupIsRolledBackToItsSavepointAndTheOthersCommit() throws Exception {
        long before = head();
        String taken = note();
        String neighbour = note();
        Future<Appended> first;
        List<Future<Appended>> group;
        try (HeldHead held = HeldHead.hold(dataSource)) {
            first = send(List.of(append(note()))); // written alone, as the group before
            held.awaitCommitterBlocked();
            group = List.of(send(List.of(append(taken))), send(List.of(append(taken))), send(List.of(append(neighbour))));
            held.awaitQueued(ledger::queued, group.size());
        }

        assertEquals(1, first.get().entries().size());
        List<Throwable> refusals = new ArrayList<>();
        for (Future<Appended> rival : List.of(group.get(0), group.get(1))) {
            try {
                rival.get();
            } catch (ExecutionException e) {
                refusals.add(e.getCause());
            }
        }
        assertEquals(1, refusals.size(), "of two units with one note, exactly one is written");
        assertInstanceOf(LedgerConflict.class, refusals.get(0));
        group.get(2).get();
        assertEquals(3, notesAfter(before).size(), "the first, one of the rivals, the neighbour: " + notesAfter(before));
        assertTrue(notesAfter(before).containsAll(List.of(taken, neighbour)));
        assertEquals(before + 3, head(), "positions stay gapless: the refused unit left none behind");
        assertEquals(headHash(), ChainCheck.verifyStoredLog(dataSource));
    }

    @Test
    void aGuardThatDoesNotHoldRefusesItsUnitAloneWithItsRulesRefusal() throws Exception {
        String taken = note();
        ledger.append(append(taken));
        long before = head();
        String neighbour = note();
        Future<Appended> guarded;
        Future<Appended> other;
        try (HeldHead held = HeldHead.hold(dataSource)) {
            send(List.of(append(note())));
            held.awaitCommitterBlocked();
            guarded = send(List.of(append(note()).guardedBy(List.of(new Guard<>(NOTE_FREE, taken)))));
            other = send(List.of(append(neighbour)));
            held.awaitQueued(ledger::queued, 2);
        }

        ExecutionException refused = assertThrows(ExecutionException.class, guarded::get);
        assertInstanceOf(NoteTaken.class, refused.getCause());
        other.get();
        assertTrue(notesAfter(before).contains(neighbour));
        assertEquals(2, notesAfter(before).size(), "the unit before the group and the neighbour");
    }

    @Test
    void guardsOfOneGroupSeeTheUnitsWrittenBeforeThem() throws Exception {
        long before = head();
        String contested = note();
        Future<Appended> waiting;
        Future<Appended> first;
        Future<Appended> second;
        try (HeldHead held = HeldHead.hold(dataSource)) {
            waiting = send(List.of(append(note())));
            held.awaitCommitterBlocked();
            first = send(List.of(append(contested).guardedBy(List.of(new Guard<>(NOTE_FREE, contested)))));
            held.awaitQueued(ledger::queued, 1); // sent from other threads: first must be queued before second
            second = send(List.of(append(note()).guardedBy(List.of(new Guard<>(NOTE_FREE, contested)))));
            held.awaitQueued(ledger::queued, 2);
        }

        waiting.get();
        first.get();
        ExecutionException refused = assertThrows(ExecutionException.class, second::get);
        assertInstanceOf(NoteTaken.class, refused.getCause());
        assertEquals(2, notesAfter(before).size());
    }

    @Test
    void aClaimedKeyAnswersWithItsEarlierClaimAndWritesNothing() throws Exception {
        String key = UUID.randomUUID().toString();
        Append original = append(note());
        Appended written = ledger.append(original.claiming(claim(key, original)));
        assertFalse(written.replayed());

        long before = head();
        Append retry = append(note());
        Appended replayed = ledger.append(retry.claiming(claim(key, retry)));
        assertTrue(replayed.replayed());
        assertEquals(original.draft().id(), replayed.earlier().recordId());
        assertEquals(List.of(), replayed.entries());
        assertEquals(before, head(), "the retry wrote nothing");
    }

    @Test
    void unitsWithOneKeyInOneGroupWriteOneEntry() throws Exception {
        String key = UUID.randomUUID().toString();
        long before = head();
        List<Future<Appended>> sameKey = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        try (HeldHead held = HeldHead.hold(dataSource)) {
            send(List.of(append(note())));
            held.awaitCommitterBlocked();
            for (int i = 0; i < 3; i++) {
                Append append = append(note());
                ids.add(append.draft().id());
                sameKey.add(send(List.of(append.claiming(claim(key, append)))));
            }
            held.awaitQueued(ledger::queued, 3);
        }

        List<Appended> answers = new ArrayList<>();
        for (Future<Appended> answer : sameKey) {
            answers.add(answer.get());
        }
        List<Appended> appended = answers.stream().filter(a -> !a.replayed()).toList();
        assertEquals(1, appended.size(), "one unit appended, the others answered with its claim");
        UUID winner = appended.get(0).entry().id();
        assertTrue(ids.contains(winner));
        answers.stream().filter(Appended::replayed).forEach(a -> assertEquals(winner, a.earlier().recordId()));
        assertEquals(before + 2, head(), "the unit before the group and the one keyed entry");
    }

    @Test
    void aFailedCommitAnswersEveryUnitOfItsGroupUnavailable() throws Exception {
        long before = head();
        String refusedAtCommit = "refused at commit " + UUID.randomUUID();
        List<Future<Appended>> group;
        try (RefusedCommit refused = RefusedCommit.of(dataSource, "ledger_test_note", "NEW.note LIKE 'refused at commit%'")) {
            Future<Appended> waiting;
            try (HeldHead held = HeldHead.hold(dataSource)) {
                waiting = send(List.of(append(note())));
                held.awaitCommitterBlocked();
                group = List.of(send(List.of(append(refusedAtCommit))), send(List.of(append(note()))));
                held.awaitQueued(ledger::queued, group.size());
            }
            waiting.get();
            for (Future<Appended> unit : group) {
                ExecutionException failed = assertThrows(ExecutionException.class, unit::get);
                assertInstanceOf(LedgerUnavailable.class, failed.getCause());
            }
        }
        assertEquals(before + 1, head(), "nothing of the failed group");
        assertEquals(headHash(), ChainCheck.verifyStoredLog(dataSource));
    }

    @Test
    void anEmptyUnitIsABug() {
        assertThrows(IllegalArgumentException.class, () -> ledger.append(List.of()));
    }

    private static String note() {
        return "note " + UUID.randomUUID();
    }

    private static Append append(String note) {
        // Shaped like an exchange rate (the note as its source), so that the feed serves it like any other entry.
        HashedDraft draft = HashedDraft.of(EntryDraft.of(UUID.randomUUID(), "exchange_rate", JSON.createObjectNode()
                .put("currency", "KZT").put("date", "2025-03-04").put("usdPerUnit", "0.002").put("source", note),
                false, "LedgerTest"));
        return Append.of(draft, List.of(new Append.Row<>(NOTES, new Note(draft.id(), note))));
    }

    private static NewClaim claim(String key, Append append) {
        return new NewClaim("ledger-test", key, new byte[] { 1 }, append.draft().id());
    }

    private static Pipeline.Step insertNotes(List<Note> notes) {
        return new Pipeline.Step("""
                INSERT INTO ledger_test_note (position, note)
                SELECT e.position, g.note FROM unnest(?::uuid[], ?::text[]) g (entry_id, note)
                  JOIN log_entry e ON e.id = g.entry_id""", (statement, first) -> {
            Connection c = statement.getConnection();
            statement.setArray(first, c.createArrayOf("uuid", notes.stream().map(Note::entryId).toArray()));
            statement.setArray(first + 1, c.createArrayOf("text", notes.stream().map(Note::note).toArray()));
            return first + 2;
        });
    }

    private Future<Appended> send(List<Append> unit) {
        return writers.submit(() -> ledger.append(unit));
    }

    private long head() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement query = c.createStatement();
                ResultSet head = query.executeQuery("SELECT position FROM log_head")) {
            head.next();
            return head.getLong(1);
        }
    }

    private String headHash() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement query = c.createStatement();
                ResultSet head = query.executeQuery("SELECT encode(hash, 'hex') FROM log_head")) {
            head.next();
            return head.getString(1);
        }
    }

    /** The notes of the entries after a position, in position order. */
    private List<String> notesAfter(long position) throws SQLException {
        List<String> notes = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement(
                "SELECT note FROM ledger_test_note WHERE position > ? ORDER BY position")) {
            query.setLong(1, position);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    notes.add(rows.getString(1));
                }
            }
        }
        return notes;
    }

}
