package org.rightsledger.ops;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.rightsledger.log.LogHead;
import org.rightsledger.log.LogRepository;

/**
 * Ready means able to serve: the log head is read the way the API reads it (the primary's
 * datasource, and the read datasource when a replica is configured), over the same connection
 * settings. A connection that works but looks at the wrong schema, a dropped table, a revoked grant:
 * each one makes the instance not ready, where a bare connection check would have said UP.
 */
@Readiness
@ApplicationScoped
public class LogReadiness implements HealthCheck {

    private final LogRepository log;
    private final ReadDataSource reads;

    LogReadiness(LogRepository log, ReadDataSource reads) {
        this.log = log;
        this.reads = reads;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("log");
        try {
            LogHead head = log.head();
            response.withData("position", head.position());
            if (reads.replica()) {
                response.withData("readPosition", readHead());
            }
            return response.up().build();
        } catch (RuntimeException | SQLException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return response.down().withData("error", String.valueOf(cause.getMessage())).build();
        }
    }

    private long readHead() throws SQLException {
        try (Connection connection = reads.get().getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT position FROM log_head");
                ResultSet head = query.executeQuery()) {
            if (!head.next()) {
                throw new SQLException("the read datasource's log_head has no row");
            }
            return head.getLong(1);
        }
    }
}
