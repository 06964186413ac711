package org.rightsledger.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

/**
 * A real commit failure, on purpose: a deferred constraint trigger on {@code table} that PostgreSQL
 * runs only at COMMIT and that raises for each inserted row matching {@code condition} (SQL over
 * {@code NEW}). Everything before COMMIT succeeds, so the failure is the commit's own. Removed by
 * {@link #close()}.
 */
public final class RefusedCommit implements AutoCloseable {

    private final DataSource dataSource;
    private final String table;
    private final String name;

    private RefusedCommit(DataSource dataSource, String table) {
        this.dataSource = dataSource;
        this.table = table;
        this.name = "test_refuse_commit_on_" + table;
    }

    public static RefusedCommit of(DataSource dataSource, String table, String condition) throws SQLException {
        RefusedCommit refused = new RefusedCommit(dataSource, table);
        try (Connection c = dataSource.getConnection(); Statement ddl = c.createStatement()) {
            ddl.execute("CREATE FUNCTION " + refused.name + "() RETURNS trigger LANGUAGE plpgsql AS $$\n"
                    + "BEGIN\n"
                    + "    IF " + condition + " THEN\n"
                    + "        RAISE EXCEPTION 'this commit is refused on purpose';\n"
                    + "    END IF;\n"
                    + "    RETURN NULL;\n"
                    + "END $$");
            ddl.execute("CREATE CONSTRAINT TRIGGER " + refused.name + " AFTER INSERT ON " + table
                    + " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION " + refused.name + "()");
        }
        return refused;
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement ddl = c.createStatement()) {
            ddl.execute("DROP TRIGGER " + name + " ON " + table);
            ddl.execute("DROP FUNCTION " + name + "()");
        }
    }
}
