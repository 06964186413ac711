package org.rightsledger.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Something that must hold when an append is written, checked under the head lock so that no
 * other writer can change it between the check and the commit: for example "this record is not
 * yet corrected, as this writer sees it" or "this entity is still at the revision the writer
 * saw". A unit whose guard does not hold is refused alone, with the rule's own refusal.
 *
 * @param rule    what is checked
 * @param subject what it is checked of
 */
public record Guard<T>(Rule<T> rule, T subject) {

    /** A kind of guard. Rules must not throw for a guard that does not hold: they return its refusal. */
    public interface Rule<T> {

        /**
         * Two guards of one group with equal keys exclude each other (two corrections of one
         * record): their units are then written one at a time, each seeing the ones before.
         */
        Object key(T subject);

        /** One statement, one row, one boolean column: whether every one of these guards holds. */
        Pipeline.Step allHold(List<T> subjects);

        /** Checks one guard in the transaction; empty when it holds, else what its unit is refused with. */
        Optional<RuntimeException> refusal(Connection transaction, T subject) throws SQLException;
    }

    Object key() {
        return List.of(rule, rule.key(subject));
    }

    Optional<RuntimeException> refusal(Connection transaction) throws SQLException {
        return rule.refusal(transaction, subject);
    }
}
