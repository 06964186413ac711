package org.rightsledger.ledger;

import java.util.List;
import java.util.Objects;

import org.rightsledger.ledger.IdempotencyClaims.NewClaim;

/**
 * One entry to append and what goes with it, in the same transaction: the rows of its query
 * projection, an optional Idempotency-Key claim, and the guards that must hold, under the head
 * lock, for it to be written. Units of appends are handed to {@link Ledger#append}.
 *
 * @param draft  the entry, already canonicalized and hashed (off the lock)
 * @param rows   projection rows; they find the entry's position by its id
 * @param claim  null, or the claim of an Idempotency-Key for this entry
 * @param guards what must still be true when the entry is written
 */
public record Append(HashedDraft draft, List<Row<?>> rows, NewClaim claim, List<Guard<?>> guards) {

    public Append {
        Objects.requireNonNull(draft);
        rows = List.copyOf(rows);
        guards = List.copyOf(guards);
    }

    public static Append of(HashedDraft draft, List<Row<?>> rows) {
        return new Append(draft, rows, null, List.of());
    }

    public Append claiming(NewClaim newClaim) {
        return new Append(draft, rows, newClaim, guards);
    }

    public Append guardedBy(List<Guard<?>> more) {
        List<Guard<?>> all = new java.util.ArrayList<>(guards);
        all.addAll(more);
        return new Append(draft, rows, claim, all);
    }

    /** A projection row for a table; rows of one table in a group are written in one statement. */
    public record Row<T>(Table<T> table, T value) {
    }

    /** A projection table: how rows for entries appended earlier in the transaction are inserted. */
    @FunctionalInterface
    public interface Table<T> {

        /** One statement that inserts every row, taking each entry's position from log_entry by its id. */
        Pipeline.Step insertAll(List<T> rows);
    }
}
