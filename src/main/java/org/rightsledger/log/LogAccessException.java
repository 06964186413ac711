package org.rightsledger.log;

import java.sql.SQLException;

/** A database failure on the log; a 5xx, never the client's fault unless mapped otherwise. */
public class LogAccessException extends RuntimeException {

    public LogAccessException(String message, SQLException cause) {
        super(message + ": " + cause.getMessage(), cause);
    }

    public String sqlState() {
        return getCause() instanceof SQLException sql ? sql.getSQLState() : null;
    }
}
