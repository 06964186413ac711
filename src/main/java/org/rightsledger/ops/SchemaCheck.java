package org.rightsledger.ops;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * Refuses to start when the service's connections do not see the log's tables, naming the cause,
 * instead of starting "ready" and answering every call with a 500 ({@code relation "record" does
 * not exist}). Runs after Flyway, before anything reads the log.
 */
@ApplicationScoped
public class SchemaCheck {

    private static final Logger LOG = Logger.getLogger(SchemaCheck.class);

    /** Thrown at start-up; its message is what the operator reads. */
    public static class MisplacedSchema extends IllegalStateException {
        MisplacedSchema(String message) {
            super(message);
        }
    }

    void check(@Observes @Priority(0) StartupEvent start, DataSource primary,
            @ConfigProperty(name = "quarkus.flyway.schemas") List<String> schemas,
            @ConfigProperty(name = "quarkus.flyway.migrate-at-start") boolean migrates) {
        String schema = schemas.get(0);
        try (Connection connection = primary.getConnection();
                PreparedStatement query = connection.prepareStatement("""
                        SELECT current_setting('search_path'), current_schema(), to_regclass('log_head') IS NOT NULL,
                               (SELECT array_agg(n.nspname::text ORDER BY n.nspname) FROM pg_class c
                                  JOIN pg_namespace n ON n.oid = c.relnamespace
                                 WHERE c.relname = 'log_head' AND c.relkind = 'r')
                        """);
                ResultSet found = query.executeQuery()) {
            found.next();
            if (found.getBoolean(3)) {
                LOG.infof("the log is in schema %s", found.getString(2));
                return;
            }
            List<String> elsewhere = new ArrayList<>();
            if (found.getArray(4) != null) {
                elsewhere.addAll(List.of((String[]) found.getArray(4).getArray()));
            }
            throw new MisplacedSchema(explain(schema, found.getString(1), elsewhere, migrates));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot check where the log's tables are: " + e.getMessage(), e);
        }
    }

    static String explain(String schema, String searchPath, List<String> elsewhere, boolean migrates) {
        StringBuilder message = new StringBuilder("The log's tables are not where the service looks for them: "
                + "connections use search_path " + searchPath + ", the schema setting QUARKUS_FLYWAY_SCHEMAS is \""
                + schema + "\", and table log_head ");
        if (elsewhere.isEmpty()) {
            message.append("exists in no schema of this database. ").append(migrates
                    ? "Flyway migrated nothing here: check QUARKUS_DATASOURCE_JDBC_URL names the right database."
                    : "QUARKUS_FLYWAY_MIGRATE_AT_START is false: migrate the schema first, or set it to true.");
        } else {
            message.append(elsewhere.size() == 1 ? "is in schema " : "is in schemas ").append(String.join(", ", elsewhere))
                    .append(". Set QUARKUS_FLYWAY_SCHEMAS to the schema that holds this service's log (it is the one")
                    .append(" schema setting: no currentSchema in the JDBC URL, no quarkus.datasource.jdbc.new-connection-sql).");
        }
        return message.toString();
    }
}
