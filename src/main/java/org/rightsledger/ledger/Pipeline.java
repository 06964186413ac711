package org.rightsledger.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Statements sent to PostgreSQL in one round trip. The JDBC driver sends a text of several
 * statements as one pipeline (parse, bind and execute each, then a single sync), so a group
 * commit waits for the network once for all of them, not once per statement: under the head
 * lock, those waits are what limits how many appends a second the log takes.
 */
public final class Pipeline {

    /** Binds a statement's parameters from index {@code first} on; returns the next free index. */
    @FunctionalInterface
    public interface Binder {
        int bind(PreparedStatement statement, int first) throws SQLException;
    }

    /** One statement of a pipeline. */
    public record Step(String sql, Binder binder) {

        public static Step of(String sql) {
            return new Step(sql, (statement, first) -> first);
        }
    }

    /** What one statement returned: its rows (columns as the driver reads them), or its update count. */
    public record Result(List<List<Object>> rows, int updateCount) {
    }

    private Pipeline() {
    }

    /** Runs the steps in order, in the connection's transaction; one result per step. */
    public static List<Result> run(Connection connection, List<Step> steps) throws SQLException {
        String sql = steps.stream().map(Step::sql).collect(Collectors.joining(";\n"));
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int next = 1;
            for (Step step : steps) {
                next = step.binder().bind(statement, next);
            }
            List<Result> results = new ArrayList<>(steps.size());
            boolean rows = statement.execute();
            while (true) {
                if (rows) {
                    results.add(new Result(read(statement.getResultSet()), -1));
                } else if (statement.getUpdateCount() >= 0) {
                    results.add(new Result(List.of(), statement.getUpdateCount()));
                } else {
                    break;
                }
                rows = statement.getMoreResults();
            }
            if (results.size() != steps.size()) {
                throw new IllegalStateException(results.size() + " results for " + steps.size() + " statements");
            }
            return results;
        }
    }

    private static List<List<Object>> read(ResultSet resultSet) throws SQLException {
        try (ResultSet rows = resultSet) {
            int columns = rows.getMetaData().getColumnCount();
            List<List<Object>> read = new ArrayList<>();
            while (rows.next()) {
                List<Object> row = new ArrayList<>(columns);
                for (int i = 1; i <= columns; i++) {
                    row.add(rows.getObject(i));
                }
                read.add(row);
            }
            return read;
        }
    }
}
