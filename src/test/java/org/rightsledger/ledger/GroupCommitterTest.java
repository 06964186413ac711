package org.rightsledger.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rightsledger.ledger.GroupCommitter.Outcome;
import org.rightsledger.support.HeldHead;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The group committer on its own, with a writer of plain rows in the real database: what is
 * queued while a group is written forms the next group; a refused unit is answered alone; a
 * group whose transaction fails answers every unit {@link LedgerUnavailable} and stores nothing.
 */
@QuarkusTest
class GroupCommitterTest {

    @Inject
    DataSource dataSource;

    private final ExecutorService clients = Executors.newCachedThreadPool();
    private final List<List<String>> groups = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private GroupCommitter<String, String> committer;

    /**
     * Inserts each unit as a row; "refuse" is refused, "break" breaks the transaction, and
     * "hold" waits for the test to release it (so that the next units queue meanwhile).
     */
    private final GroupCommitter.Writer<String, String> writer = (transaction, group) -> {
        groups.add(List.copyOf(group));
        List<Outcome<String>> outcomes = new ArrayList<>();
        for (String unit : group) {
            if (unit.startsWith("hold")) {
                await(release);
            }
            if (unit.startsWith("break")) {
                throw new SQLException("the transaction broke", "08006");
            }
            if (unit.startsWith("refuse")) {
                outcomes.add(Outcome.refused(new IllegalArgumentException("refused " + unit)));
                continue;
            }
            try (PreparedStatement insert = transaction.connection().prepareStatement(
                    "INSERT INTO group_committer_test (unit) VALUES (?)")) {
                insert.setString(1, unit);
                insert.executeUpdate();
            }
            outcomes.add(Outcome.written("wrote " + unit));
        }
        return outcomes;
    };

    @BeforeEach
    void start() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement ddl = c.createStatement()) {
            ddl.execute("CREATE TABLE IF NOT EXISTS group_committer_test (unit text PRIMARY KEY)");
        }
        committer = new GroupCommitter<>("group-committer-test", dataSource, writer, 3, new SimpleMeterRegistry());
    }

    @AfterEach
    void stop() {
        release.countDown();
        committer.close();
        clients.shutdownNow();
    }

    @Test
    void whatQueuesWhileAGroupIsWrittenFormsTheNextGroupsOfAtMostMaxSize() throws Exception {
        String run = UUID.randomUUID().toString();
        Future<String> held = send("hold " + run);
        HeldHead.await("the first group to be written", () -> groups.size() == 1);
        List<Future<String>> queued = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            queued.add(send(i + " " + run));
        }
        HeldHead.await("four units queued", () -> committer.queued() == 4);
        release.countDown();

        assertEquals("wrote hold " + run, held.get());
        for (int i = 0; i < 4; i++) {
            assertEquals("wrote " + i + " " + run, queued.get(i).get());
        }
        assertEquals(List.of(1, 3, 1), groups.stream().map(List::size).toList(), "one, then at most three at once");
        assertEquals(5, stored(run).size());
    }

    @Test
    void aRefusedUnitIsAnsweredAloneAndTheOthersCommit() throws Exception {
        String run = UUID.randomUUID().toString();
        Future<String> held = send("hold " + run);
        HeldHead.await("the first group to be written", () -> groups.size() == 1);
        Future<String> refused = send("refuse " + run);
        Future<String> neighbour = send("neighbour " + run);
        HeldHead.await("two units queued", () -> committer.queued() == 2);
        release.countDown();

        held.get();
        ExecutionException refusal = assertThrows(ExecutionException.class, refused::get);
        assertInstanceOf(IllegalArgumentException.class, refusal.getCause());
        assertEquals("wrote neighbour " + run, neighbour.get());
        assertEquals(List.of("hold " + run, "neighbour " + run), stored(run));
    }

    @Test
    void aFailedTransactionAnswersTheWholeGroupUnavailableAndStoresNothingOfIt() throws Exception {
        String run = UUID.randomUUID().toString();
        Future<String> held = send("hold " + run);
        HeldHead.await("the first group to be written", () -> groups.size() == 1);
        List<Future<String>> group = List.of(send("written first " + run), send("break " + run),
                send("never reached " + run));
        HeldHead.await("three units queued", () -> committer.queued() == 3);
        release.countDown();

        held.get();
        for (Future<String> unit : group) {
            ExecutionException failed = assertThrows(ExecutionException.class, unit::get);
            assertInstanceOf(LedgerUnavailable.class, failed.getCause());
            assertTrue(failed.getCause().getMessage().contains("08006"), failed.getCause().getMessage());
        }
        assertEquals(List.of("hold " + run), stored(run), "the row written before the failure was rolled back");
        assertEquals("wrote after " + run, committer.append("after " + run), "the committer goes on");
    }

    @Test
    void afterCloseAnAppendIsUnavailable() {
        committer.close();
        assertThrows(LedgerUnavailable.class, () -> committer.append("too late"));
    }

    @Test
    void aGroupMustHoldAtLeastOneUnit() {
        assertThrows(IllegalArgumentException.class,
                () -> new GroupCommitter<>("never", dataSource, writer, 0, new SimpleMeterRegistry()));
    }

    private Future<String> send(String unit) {
        return clients.submit(() -> committer.append(unit));
    }

    private List<String> stored(String run) throws SQLException {
        List<String> units = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement(
                "SELECT unit FROM group_committer_test WHERE unit LIKE ? ORDER BY unit")) {
            query.setString(1, "%" + run);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    units.add(rows.getString(1));
                }
            }
        }
        return units;
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test did not release the group");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
