package org.rightsledger.ledger;

/**
 * The ledger did not take an append, and nothing of it was stored: the service is shutting
 * down, the request was interrupted while it waited, or the database did not commit its group.
 * Retrying is safe (with the same Idempotency-Key, when the outcome may be unknown). The HTTP
 * edge answers it like a database outage: 503 with Retry-After.
 */
public class LedgerUnavailable extends RuntimeException {

    public LedgerUnavailable(String detail) {
        super(detail, null, false, false);
    }
}
