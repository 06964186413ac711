package org.rightsledger.ledger;

import java.sql.SQLException;

/**
 * An append that broke a constraint of the database (an integrity violation, SQLState class
 * 23): its unit was rolled back alone. The guards are checked first, under the head lock, so
 * this is the database's last word on a rule a guard missed; the writer decides what it means.
 */
public class LedgerConflict extends RuntimeException {

    private final String sqlState;

    LedgerConflict(String sqlState, SQLException cause) {
        super("an append broke a constraint of the log (" + sqlState + "): " + cause.getMessage(), cause);
        this.sqlState = sqlState;
    }

    /** 23505 for a unique index, such as one public correction per record. */
    public String sqlState() {
        return sqlState;
    }

    public boolean uniqueViolation() {
        return "23505".equals(sqlState);
    }
}
