package org.rightsledger.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rightsledger.support.Api;
import org.rightsledger.support.Records;

import io.quarkus.test.junit.QuarkusTest;

/** The database itself, not just the code, refuses to change or remove history. */
@QuarkusTest
class AppendOnlyLogTest {

    @Inject
    DataSource dataSource;

    @BeforeEach
    void atLeastOneEntry() {
        Records.append(Records.fine());
    }

    @Test
    void updatingAnEntryIsRefused() {
        assertRefused("UPDATE log_entry SET content = '{}' WHERE position = 1");
    }

    @Test
    void deletingAnEntryIsRefused() {
        assertRefused("DELETE FROM log_entry WHERE position = (SELECT max(position) FROM log_entry)");
    }

    @Test
    void truncatingTheLogIsRefused() {
        assertRefused("TRUNCATE log_entry CASCADE");
    }

    @Test
    void theRecordProjectionIsAppendOnlyToo() {
        assertRefused("UPDATE record SET country = 'RU'");
        assertRefused("DELETE FROM record");
    }

    @Test
    void theHeadCannotBeRewoundOrPointedElsewhere() {
        assertRefused("UPDATE log_head SET position = 0");
        assertRefused("UPDATE log_head SET position = position + 2");
        assertRefused("UPDATE log_head SET hash = decode(repeat('ab', 32), 'hex')");
        assertRefused("DELETE FROM log_head");
    }

    private void assertRefused(String sql) {
        String before = Api.headHash();
        SQLException refused = assertThrows(SQLException.class, () -> {
            try (Connection c = dataSource.getConnection(); Statement statement = c.createStatement()) {
                statement.execute(sql);
            }
        });
        assertTrue(refused.getMessage().contains("append-only") || refused.getMessage().contains("only advances"),
                refused.getMessage());
        assertEquals(before, Api.headHash());
    }
}
